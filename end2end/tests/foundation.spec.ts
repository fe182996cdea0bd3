import { expect, test } from "@playwright/test";

test("the landing page offers both demo schools and leads to a sign-in page", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Kies je school" })).toBeVisible();
  const schools = page.getByRole("navigation", { name: "Scholen" });
  await expect(schools.getByRole("link")).toHaveCount(2);
  await schools.getByRole("link", { name: /Sint-Claracollege/ }).click();

  await expect(page).toHaveURL(/\/sintclara$/);
  await expect(page.getByRole("heading", { level: 1, name: "Aanmelden" })).toBeVisible();
  await expect(page.getByRole("banner")).toContainText("Sint-Claracollege");
  await expect(page.getByLabel("Smartschoolplatform")).toHaveValue("sintclara");
  await expect(page.getByLabel("Gebruikersnaam")).toBeVisible();
  await expect(page.getByLabel("Wachtwoord", { exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "Wachtwoord vergeten?" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Help" })).toBeVisible();
});

test("the wasm hydrates: the show-password toggle changes the field on the client", async ({ page }) => {
  await page.goto("/sintclara");
  const password = page.getByLabel("Wachtwoord", { exact: true });
  await password.fill("geheim-wachtwoord");
  await expect(password).toHaveAttribute("type", "password");

  // The toggle exists only once the wasm has hydrated the server-rendered page.
  const toggle = page.getByRole("button", { name: "Toon wachtwoord" });
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  await expect(password).toHaveAttribute("type", "text");
  await expect(password).toHaveValue("geheim-wachtwoord");
  await toggle.click();
  await expect(password).toHaveAttribute("type", "password");
});

test("a sent form's button says so until the answer comes; a refused one comes back as typed", async ({ page }) => {
  await page.goto("/sintclara");
  // The islands have hydrated once the show-password toggle is there.
  await expect(page.getByRole("button", { name: "Toon wachtwoord" })).toBeVisible();
  // The answer takes a moment, as on a slow connection.
  await page.route(/\/api\/sign_in/, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.continue();
  });
  await page.getByLabel("Gebruikersnaam").fill("nog.niemand");
  await page.getByLabel("Wachtwoord", { exact: true }).fill("Fout-wachtwoord-1");
  // The test's own locators wait while a navigation is under way, so the page reports how its
  // button looks a moment after the form was sent.
  await page.evaluate(() => {
    window.addEventListener("submit", () => {
      setTimeout(() => {
        const button = document.querySelector("form button[type=submit]");
        console.log(`sent: ${button?.textContent}|${button?.getAttribute("aria-busy")}|${button?.getAttribute("aria-disabled")}`);
      }, 300);
    });
  });
  const report = page.waitForEvent("console", (message) => message.text().startsWith("sent: "));
  await page.getByRole("button", { name: "Aanmelden" }).click();
  expect((await report).text()).toBe("sent: Even geduld…|true|true");

  await expect(page.getByRole("alert")).toHaveText("Gebruikersnaam of wachtwoord is niet correct.");
  await expect(page.getByLabel("Gebruikersnaam")).toHaveValue("nog.niemand");
  await expect(page.getByLabel("Wachtwoord", { exact: true })).toHaveValue("");
  await expect(page.getByRole("button", { name: "Aanmelden" })).toHaveAttribute("aria-busy", "false");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("pages render in full and the language form still works", async ({ page }) => {
    await page.goto("/sintjozef");
    await expect(page.getByRole("heading", { level: 1, name: "Aanmelden" })).toBeVisible();
    await expect(page.getByLabel("Gebruikersnaam")).toBeVisible();
    // No wasm, so no toggle that could not work.
    await expect(page.getByRole("button", { name: "Toon wachtwoord" })).toHaveCount(0);

    await page.getByLabel("Taal").selectOption("fr");
    await page.getByRole("button", { name: "Wijzig taal" }).click();
    await expect(page).toHaveURL(/\/sintjozef$/);
    await expect(page.getByRole("heading", { level: 1, name: "Se connecter" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Mot de passe oublié ?" })).toBeVisible();
  });
});

test("an unknown address shows a Dutch 404 page", async ({ page }) => {
  const response = await page.goto("/deze-school-bestaat-niet");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Pagina niet gevonden" })).toBeVisible();
  await page.getByRole("link", { name: "Terug naar het begin" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Kies je school" })).toBeVisible();
});

test("the help link opens help for the sign-in page", async ({ page }) => {
  await page.goto("/sintclara");
  await page.getByRole("link", { name: "Help" }).click();
  await expect(page).toHaveURL(/\/hulp#aanmelden$/);
  await expect(page.getByRole("heading", { level: 1, name: "Hulp" })).toBeVisible();
  await expect(page.locator("#aanmelden")).toContainText("co-account");
});

test("hashed front-end files are cached for a long time", async ({ page, request }) => {
  await page.goto("/");
  const stylesheet = await page.locator('link[rel="stylesheet"]').getAttribute("href");
  expect(stylesheet).toMatch(/^\/pkg\/school\.[\w-]+\.css$/);
  const response = await request.get(stylesheet!);
  expect(response.status()).toBe(200);
  expect(response.headers()["cache-control"]).toContain("immutable");
});

test("the sign-in page fits a phone screen without sideways scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("/sintclara");
  await expect(page.getByRole("button", { name: "Aanmelden" })).toBeVisible();
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
});
