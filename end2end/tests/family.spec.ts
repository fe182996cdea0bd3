import { expect, type Page, test } from "@playwright/test";

// Heidi Peeters is co-account of Wout (Sint-Jozef) and of Lotte (Sint-Clara); the demo links the
// two. This flow unlinks and links her family, so it runs once, on the desktop.

const wout = /^Toon Wout Peeters/;
const lotte = /^Toon Lotte Peeters/;

// The tests run in order: the keyboard test needs the family as the demo links it.
test.describe.configure({ mode: "serial" });

function switcher(page: Page) {
  return page.getByRole("navigation", { name: "Mijn kinderen" });
}

async function whoseData(page: Page) {
  return page.locator(".module-heading p").innerText();
}

test("the switcher works from the keyboard", async ({ page }) => {
  await page.goto("/sintclara");
  await page.getByLabel("Gebruikersnaam").fill("lotte.peeters");
  await page.getByLabel("Wachtwoord", { exact: true }).fill("Heidi-mama-2026");
  await page.getByRole("button", { name: "Aanmelden" }).click();
  await expect(page).toHaveURL(/\/start$/);
  await page.goto("/lvs");
  const current = switcher(page).getByRole("button", { name: lotte });
  await expect(current).toHaveAttribute("aria-pressed", "true");
  await switcher(page).getByRole("button", { name: wout }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/lvs$/);
  await expect(page.locator(".module-heading p")).toContainText("Wout Peeters");
});

test("a parent links a child at the other school, switches by photo, and unlinks", async ({ page }) => {
  await page.goto("/sintjozef");
  await page.getByLabel("Gebruikersnaam").fill("wout.peeters");
  await page.getByLabel("Wachtwoord", { exact: true }).fill("Heidi-mama-2026");
  await page.getByRole("button", { name: "Aanmelden" }).click();
  await expect(page).toHaveURL(/\/start$/);
  await expect(switcher(page).getByRole("button", { name: wout })).toHaveAttribute("aria-pressed", "true");
  await expect(switcher(page).getByRole("button", { name: lotte })).toBeVisible();

  // Unlink Lotte, with a confirmation first.
  await page.goto("/mijn-kinderen");
  await page.getByRole("link", { name: "Ontkoppelen Lotte Peeters" }).click();
  await expect(page.getByRole("alertdialog")).toContainText("Wilt u dit kind ontkoppelen?");
  await page.getByRole("button", { name: "Ja, ontkoppel" }).click();
  await expect(page.getByRole("status")).toHaveText("Het kind is ontkoppeld.");
  await expect(switcher(page).getByRole("button", { name: lotte })).toHaveCount(0);

  // Link her again through "Voeg kinderen toe", with the co-account of Sint-Clara.
  await switcher(page).getByRole("link", { name: "Voeg kinderen toe" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Voeg kinderen toe" })).toBeVisible();
  await expect(page.getByText("Koppel hier dus geen kinderen uit een nieuw gezin.")).toBeVisible();
  await page.getByLabel("Smartschoolplatform").selectOption("sintclara");
  await page.getByLabel("Gebruikersnaam").fill("lotte.peeters");
  await page.getByLabel("Wachtwoord", { exact: true }).fill("niet-haar-wachtwoord");
  await page.getByRole("button", { name: "Kind koppelen" }).click();
  await expect(page.getByRole("alert")).toHaveText("Gebruikersnaam of wachtwoord is niet correct.");
  await page.getByLabel("Wachtwoord", { exact: true }).fill("Heidi-mama-2026");
  await page.getByRole("button", { name: "Kind koppelen" }).click();
  await expect(page.getByRole("status")).toContainText("Het kind is gekoppeld.");
  await expect(switcher(page).getByRole("button", { name: lotte })).toBeVisible();

  // The family timeline marks each entry with its child and filters per child.
  const timeline = page.getByRole("region", { name: "Tijdlijn van al uw kinderen" });
  await expect(timeline.getByText(/· Lotte$/).first()).toBeVisible();
  await expect(timeline.getByText(/· Wout$/).first()).toBeVisible();
  await timeline.getByRole("link", { name: "Lotte", exact: true }).click();
  await expect(timeline.getByText(/· Wout$/)).toHaveCount(0);
  await expect(timeline.getByText(/· Lotte$/).first()).toBeVisible();

  // Switch to Lotte by her photo: the same page, now hers, across schools.
  await page.goto("/agenda");
  expect(await whoseData(page)).toContain("Wout Peeters");
  await switcher(page).getByRole("button", { name: lotte }).click();
  await expect(page).toHaveURL(/\/agenda$/);
  await expect(page.locator(".module-heading p")).toContainText("Lotte Peeters");
  await expect(switcher(page).getByRole("button", { name: lotte })).toHaveAttribute("aria-pressed", "true");
  await page.goto("/resultaten");
  await expect(page.locator(".module-heading p")).toContainText("Lotte Peeters");
  await expect(page.locator("table.results").first()).toBeVisible();

  // A detail page of Lotte falls back to the overview when switching to Wout.
  await page.locator("table.results a").first().click();
  await expect(page).toHaveURL(/\/resultaten\/\d+$/);
  await switcher(page).getByRole("button", { name: wout }).click();
  await expect(page).toHaveURL(/\/resultaten$/);
  await expect(page.locator(".module-heading p")).toContainText("Wout Peeters");

  // And unlink her again.
  await page.goto("/mijn-kinderen");
  await page.getByRole("link", { name: "Ontkoppelen Lotte Peeters" }).click();
  await page.getByRole("button", { name: "Ja, ontkoppel" }).click();
  await expect(page.getByRole("status")).toHaveText("Het kind is ontkoppeld.");
  await expect(switcher(page).getByRole("button", { name: lotte })).toHaveCount(0);
});

