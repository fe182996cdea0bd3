import { expect, type Page, test } from "@playwright/test";

// The signed-in header on a plain 360 px wide screen (no mobile emulation, which would widen the
// layout viewport to fit the content and hide an overflow). Heidi links two more children to her
// family of two as the demo links it (Wout at Sint-Jozef, Lotte at Sint-Clara): four children over
// two schools. It runs before the other specs, which read her family, and gives the two back at
// the end.

test.use({ viewport: { width: 360, height: 740 } });

const width = 360;

function switcher(page: Page) {
  return page.getByRole("navigation", { name: "Mijn kinderen" });
}

/** Every visible control inside `scope`: whole on the screen and at least 44 px tall. */
async function expectWholeAndTall(page: Page, scope: string) {
  const controls = page.locator(`${scope} :is(a, button, summary, select, input):visible`);
  const count = await controls.count();
  expect(count).toBeGreaterThan(0);
  for (let index = 0; index < count; index++) {
    const control = controls.nth(index);
    const box = (await control.boundingBox())!;
    const name = (await control.getAttribute("aria-label")) ?? (await control.innerText());
    expect(box.x, `${name} starts on screen`).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, `${name} ends on screen`).toBeLessThanOrEqual(width);
    expect(box.height, `${name} is at least 44 px tall`).toBeGreaterThanOrEqual(44);
  }
}

test("a family of four fits the header on a 360 px phone, every control whole and 44 px tall", async ({ page }) => {
  await page.goto("/sintjozef");
  await page.getByLabel("Gebruikersnaam").fill("wout.peeters");
  await page.getByLabel("Wachtwoord", { exact: true }).fill("Heidi-mama-2026");
  await page.getByRole("button", { name: "Aanmelden" }).click();
  await expect(page).toHaveURL(/\/(start|e-mailadres)$/);

  for (const [school, username, password] of [
    ["sintclara", "noah.maes", "Kevin-papa-2026"],
    ["sintjozef", "lina.vermeulen", "Joke-voogd-2026"],
  ]) {
    await page.goto("/kinderen-toevoegen");
    await page.getByLabel("Smartschoolplatform").selectOption(school);
    await page.getByLabel("Gebruikersnaam").fill(username);
    await page.getByLabel("Wachtwoord", { exact: true }).fill(password);
    await page.getByRole("button", { name: "Kind koppelen" }).click();
    await expect(page).toHaveURL(/\/mijn-kinderen/);
  }

  await page.goto("/mijn-kinderen");
  await expect(switcher(page).getByRole("button")).toHaveCount(4);
  expect(await page.evaluate(() => document.documentElement.scrollWidth), "no sideways scrolling").toBeLessThanOrEqual(
    width,
  );
  await expectWholeAndTall(page, ".app-header");

  // The account tools and "Voeg kinderen toe" are in the menu, whole and tall as well.
  await page.getByText("Ga naar", { exact: true }).click();
  const menu = page.locator(".menu-account");
  await expect(menu.getByRole("button", { name: "Afmelden" })).toBeVisible();
  await expect(menu.getByRole("link", { name: "Voeg kinderen toe" })).toBeVisible();
  await expectWholeAndTall(page, ".menu-account");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);

  // Switching by photo still works; the photo names the child for screen readers.
  await page.goto("/lvs");
  await switcher(page).getByRole("button", { name: /^Toon Lina Vermeulen/ }).click();
  await expect(page.locator(".module-heading p")).toContainText("Lina Vermeulen");

  // Give the two children back, then sign out from the menu.
  for (const name of ["Noah Maes", "Lina Vermeulen"]) {
    await page.goto("/mijn-kinderen");
    await page.getByRole("link", { name: `Ontkoppelen ${name}` }).click();
    await page.getByRole("button", { name: "Ja, ontkoppel" }).click();
    await expect(page.getByRole("status")).toHaveText("Het kind is ontkoppeld.");
  }
  await expect(switcher(page).getByRole("button")).toHaveCount(2);
  await page.getByText("Ga naar", { exact: true }).click();
  await page.getByRole("button", { name: "Afmelden" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Kies je school" })).toBeVisible();
});
