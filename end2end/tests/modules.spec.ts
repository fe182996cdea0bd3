import { expect, type Page, test } from "@playwright/test";
import { Sessions } from "./support/sessions";

// Lotte Peeters (pupil, 1A at Sint-Clara) and Heidi, her mother, who signs in with Lotte's username
// and her own password. The account flows never change these two passwords.
const pupil = { username: "lotte.peeters", password: "Lotte-leerling-2026" };
const parent = { username: "lotte.peeters", password: "Heidi-mama-2026" };

// Each person signs in once per project and the tests reuse the session.
test.describe.configure({ mode: "serial" });
const sessions = new Sessions();

test.beforeAll(async ({ browser }) => {
  await sessions.signIn(browser, pupil, parent);
});

/** Opens a module through the "Ga naar" menu, as on a phone (the side links are for wide screens). */
async function goTo(page: Page, module: string) {
  await page.getByText("Ga naar", { exact: true }).click();
  await page.getByRole("navigation", { name: "Ga naar" }).getByRole("link", { name: module }).click();
  await expect(page.getByRole("heading", { level: 1, name: module })).toBeVisible();
}

async function agendaText(page: Page, week: string) {
  await page.goto(`/agenda?week=${week}`);
  await expect(page.getByRole("heading", { level: 1, name: "Schoolagenda" })).toBeVisible();
  return page.locator(".week").innerText();
}

function mondayOf(date: Date): string {
  const day = new Date(date);
  day.setDate(day.getDate() - ((day.getDay() + 6) % 7));
  return day.toISOString().slice(0, 10);
}

test("pupil and co-account see the same agenda and results", async ({ browser }) => {
  const lotte = await sessions.page(browser, pupil);
  const heidi = await sessions.page(browser, parent);

  await goTo(lotte, "Schoolagenda");
  await expect(lotte.getByText("Gegevens van Lotte Peeters")).toBeVisible();
  // Today is marked, and there are lessons in the week.
  await expect(lotte.locator(".lesson").first()).toBeVisible();

  for (const offset of [0, 7]) {
    const week = mondayOf(new Date(Date.now() + offset * 86_400_000));
    const seenByPupil = await agendaText(lotte, week);
    const seenByParent = await agendaText(heidi, week);
    expect(seenByPupil.length).toBeGreaterThan(50);
    expect(seenByParent).toBe(seenByPupil);
  }
  // Moving between weeks with the links.
  await lotte.getByRole("link", { name: /Volgende week/ }).click();
  await expect(lotte).toHaveURL(/week=\d{4}-\d{2}-\d{2}/);
  await expect(lotte.locator(".lesson").first()).toBeVisible();

  await goTo(lotte, "Resultaten");
  await goTo(heidi, "Resultaten");
  const pupilResults = await lotte.locator("main").innerText();
  expect(pupilResults).toContain("Periode");
  expect(pupilResults).toContain("Klasgemiddelde");
  expect(await heidi.locator("main").innerText()).toBe(pupilResults);

  // A result's details.
  await lotte.locator("table.results a").first().click();
  await expect(lotte.getByRole("link", { name: "Terug naar de resultaten" })).toBeVisible();
});

test("the pupil has no Oudercontact and no Mijn kinderen; the parent has both", async ({ browser }) => {
  const lotte = await sessions.page(browser, pupil);
  await lotte.getByText("Ga naar", { exact: true }).click();
  const menu = lotte.getByRole("navigation", { name: "Ga naar" });
  await expect(menu.getByRole("link", { name: "Schoolagenda" })).toBeVisible();
  await expect(menu.getByRole("link", { name: "Oudercontact" })).toHaveCount(0);
  await expect(menu.getByRole("link", { name: "Mijn kinderen" })).toHaveCount(0);
  await lotte.goto("/oudercontact");
  await expect(lotte.getByRole("heading", { level: 1, name: "Geen toegang" })).toBeVisible();

  const heidi = await sessions.page(browser, parent);
  await goTo(heidi, "Mijn kinderen");
  await expect(heidi.getByRole("heading", { name: "Berichten aan u" })).toBeVisible();
  await expect(heidi.getByRole("heading", { name: "Taken, toetsen en opdrachten" })).toBeVisible();
  await expect(heidi.getByRole("heading", { name: "Laatste resultaten" })).toBeVisible();
  await expect(heidi.locator(".agenda-item").first()).toBeVisible();
  await goTo(heidi, "Oudercontact");
});

test("documents are personal: the parent's upload is invisible to the pupil and the other way round", async ({
  browser,
}, testInfo) => {
  const tag = `${testInfo.project.name}-${Date.now()}`;
  const lotte = await sessions.page(browser, pupil);
  const heidi = await sessions.page(browser, parent);

  await goTo(heidi, "Mijn documenten");
  await heidi.getByLabel("Bestand").setInputFiles({
    name: `inschrijving-${tag}.txt`,
    mimeType: "text/plain",
    buffer: Buffer.from("Inschrijvingsformulier"),
  });
  await heidi.getByRole("button", { name: "Opladen" }).click();
  await expect(heidi.getByRole("status")).toHaveText("Het bestand is opgeladen.");
  await expect(heidi.getByRole("link", { name: `inschrijving-${tag}.txt` })).toBeVisible();

  await goTo(lotte, "Mijn documenten");
  await expect(lotte.getByText(`inschrijving-${tag}.txt`)).toHaveCount(0);
  await lotte.getByLabel("Bestand").setInputFiles({
    name: `dagboek-${tag}.txt`,
    mimeType: "text/plain",
    buffer: Buffer.from("Geheim"),
  });
  await lotte.getByRole("button", { name: "Opladen" }).click();
  const own = lotte.getByRole("link", { name: `dagboek-${tag}.txt` });
  await expect(own).toBeVisible();
  const href = await own.getAttribute("href");
  expect(href).toMatch(/^\/mijn-documenten\//);

  // Not in the parent's list, and not by address either.
  await heidi.reload();
  await expect(heidi.getByText(`dagboek-${tag}.txt`)).toHaveCount(0);
  const response = await heidi.request.get(href!);
  expect(response.status()).toBe(404);
  const ownDownload = await lotte.request.get(href!);
  expect(ownDownload.status()).toBe(200);
  expect(await ownDownload.text()).toBe("Geheim");

  // Deleting asks nothing more of the owner and takes the file away.
  await lotte.getByRole("button", { name: `Verwijderen dagboek-${tag}.txt` }).click();
  await expect(lotte.getByRole("link", { name: `dagboek-${tag}.txt` })).toHaveCount(0);
});

test("a file that is too large gets a clear message", async ({ browser }) => {
  const heidi = await sessions.page(browser, parent);
  await heidi.goto("/mijn-documenten");
  // The hint beside the field says the server's limit (UPLOAD_FILE_MB, 5 by default).
  await expect(heidi.getByLabel("Bestand")).toHaveAccessibleDescription("Maximaal 5 MB per bestand.");
  await heidi.getByLabel("Bestand").setInputFiles({
    name: "te-groot.bin",
    mimeType: "application/octet-stream",
    buffer: Buffer.alloc(6 * 1024 * 1024, 1),
  });
  await heidi.getByRole("button", { name: "Opladen" }).click();
  await expect(heidi.getByRole("alert")).toHaveText("Dit bestand is te groot. Kies een kleiner bestand.");
  await expect(heidi.getByText("te-groot.bin")).toHaveCount(0);
});

test("courses, live sessions and the LVS show the child's data", async ({ browser }) => {
  const heidi = await sessions.page(browser, parent);
  await goTo(heidi, "Vakken");
  await expect(heidi.getByRole("heading", { level: 2, name: "Wiskunde" })).toBeVisible();
  const file = heidi.locator(".material-file a").first();
  const download = await heidi.request.get((await file.getAttribute("href"))!);
  expect(download.status()).toBe(200);

  await goTo(heidi, "Live-sessies");
  await expect(heidi.getByRole("link", { name: /^Deelnemen: / }).first()).toBeVisible();

  await goTo(heidi, "Leerlingvolgsysteem");
  await expect(heidi.getByRole("heading", { name: "Opmerkingen" })).toBeVisible();
  await expect(heidi.locator(".remark").first()).toBeVisible();
  await expect(heidi.getByRole("heading", { name: "Afwezigheden" })).toBeVisible();
});
