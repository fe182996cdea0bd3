import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { Sessions } from "./support/sessions";

// What families open every day: results over time, the page in their own language, and dark mode.
// Heidi, Lotte's and Wout's mother, signed in with Wout's username at Sint-Jozef (Lotte's is signed
// in to by many specs, and each username has its own limit); the flows here only read.
const parent = { username: "wout.peeters", password: "Heidi-mama-2026", school: "sintjozef" };

test.describe.configure({ mode: "serial" });
const sessions = new Sessions();

test.beforeAll(async ({ browser }) => {
  await sessions.signIn(browser, parent);
});

test("the results show each course across the year as a chart with a text alternative", async ({ browser }) => {
  for (const javaScript of [true, false]) {
    const page = await sessions.page(browser, parent, javaScript);
    await page.goto("/resultaten");
    await expect(page.getByRole("heading", { level: 2, name: "Verloop over het schooljaar" })).toBeVisible();
    // The chart is drawn on the server: it is there before (and without) the wasm.
    const chart = page.getByRole("img", { name: /^Wiskunde: \d+ evaluaties? (van|op) / });
    await expect(chart).toBeVisible();
    const summary = await chart.getAttribute("aria-labelledby");
    expect(summary).toBeTruthy();
    // The numbers themselves, in a table that screen readers read.
    const numbers = page.getByRole("table", { name: "Percentages van Wiskunde" });
    await expect(numbers).toHaveCount(1);
    expect(await numbers.getByRole("row").count()).toBeGreaterThan(1);
    await expect(numbers.getByRole("cell", { name: /^\d+(,\d)? %$/ }).first()).toBeAttached();
    await page.context().close();
  }
});

test.describe("a French browser", () => {
  test.use({ locale: "fr-BE" });

  test("gets French on its first visit", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "Choisissez votre école" })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "fr");
    await page.getByRole("link", { name: /Sint-Claracollege/ }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Se connecter" })).toBeVisible();
  });
});

/** The page's background luminance (0 black … 1 white; the page colour is on the root element), to see which scheme is drawn. */
async function backgroundLuminance(page: Page): Promise<number> {
  return page.evaluate(() => {
    const [r, g, b] = getComputedStyle(document.documentElement)
      .backgroundColor.match(/\d+/g)!
      .slice(0, 3)
      .map((c) => Number(c) / 255)
      .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  });
}

/** axe-core's WCAG AA colour-contrast check of the page as drawn: every violation, described. */
async function contrastViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withRules(["color-contrast"]).analyze();
  return results.violations.flatMap((violation) =>
    violation.nodes.map((node) => `${page.url()} ${node.target.join(" ")}: ${node.failureSummary}`),
  );
}

for (const scheme of ["dark", "light"] as const) {
  test(`${scheme} mode follows the system setting and keeps WCAG AA contrast`, async ({ browser, page }) => {
    const heidi = await sessions.page(browser, parent);
    const pages: [Page, string][] = [
      [page, "/"],
      [page, "/sintclara"],
      [heidi, "/mijn-kinderen"],
      [heidi, "/agenda"],
      [heidi, "/resultaten"],
      [heidi, "/berichten"],
      [heidi, "/toegang"],
    ];
    const violations: string[] = [];
    for (const [tab, path] of pages) {
      await tab.emulateMedia({ colorScheme: scheme });
      await tab.goto(path);
      await expect(tab.locator("main")).toBeVisible();
      const luminance = await backgroundLuminance(tab);
      if (scheme === "dark") expect(luminance, path).toBeLessThan(0.05);
      else expect(luminance, path).toBeGreaterThan(0.8);
      violations.push(...(await contrastViolations(tab)));
    }
    expect(violations).toEqual([]);
    // The check sees a colour that fails, even for a large heading: grey close to the page's own.
    const failing = scheme === "dark" ? "#444444" : "#bbbbbb";
    await heidi
      .locator("main h1")
      .evaluate((heading: HTMLElement, colour) => heading.style.setProperty("color", colour, "important"), failing);
    expect((await contrastViolations(heidi)).length).toBeGreaterThan(0);
    await heidi.context().close();
  });
}
