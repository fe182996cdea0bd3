import { execFileSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { waitForMail } from "./support/mail";
import { Sessions } from "./support/sessions";

// A teacher writes what a family reads, each in a browser of their own: An Claes (class teacher
// of 1A) plans a test and publishes an evaluation's scores; Heidi, Lotte's mother, sees both at
// once, then her daily digest lists them; An registers Lotte absent this morning and Heidi sees
// it. This spec publishes results for Lotte, so it runs after the specs that compare her pages.
const an = { username: "an.claes", password: "An-leerkracht-2026" };
const heidi = { username: "lotte.peeters", password: "Heidi-mama-2026" };

test.describe.configure({ mode: "serial" });
const sessions = new Sessions();

test.beforeAll(async ({ browser }) => {
  await sessions.signIn(browser, an, heidi);
});

/** A school day a few days ahead, as a date field takes it. */
function dayAhead(): string {
  const day = new Date(Date.now() + 2 * 86_400_000);
  while (day.getDay() === 0 || day.getDay() === 6) day.setDate(day.getDate() + 1);
  return day.toISOString().slice(0, 10);
}

test("a teacher plans a test and publishes scores; the parent sees both and the digest lists them", async ({
  browser,
  request,
}) => {
  const stamp = Date.now().toString().slice(-6);
  const testTitle = `Toets breuken ${stamp}`;
  const evaluationTitle = `Proefwerk kommagetallen ${stamp}`;
  const teacher = await sessions.page(browser, an);
  const parent = await sessions.page(browser, heidi);

  // Planning, from the agenda's own page for staff.
  await teacher.goto("/agenda");
  await teacher.getByRole("link", { name: "Plannen in de agenda" }).click();
  await teacher.getByLabel("Vak").selectOption({ label: "1A · Wiskunde" });
  await teacher.getByRole("button", { name: "Tonen" }).click();
  await teacher.getByLabel("Soort").selectOption("test");
  await teacher.getByLabel("Titel").fill(testTitle);
  await teacher.getByLabel("Datum").fill(dayAhead());
  await teacher.getByLabel("Uur").fill("10:15");
  await teacher.getByLabel("Beschrijving").fill("Hoofdstuk 3: breuken vereenvoudigen.");
  await teacher.getByRole("button", { name: "Opslaan" }).click();
  await expect(teacher.getByRole("status").filter({ hasText: "Opgeslagen." })).toBeVisible();
  await expect(teacher.locator(".planned")).toContainText(testTitle);
  // The saved test stays open for its files.
  await teacher.getByLabel("Bestand").setInputFiles({
    name: `opgave-${stamp}.pdf`,
    mimeType: "application/pdf",
    buffer: Buffer.from("%PDF-1.4 oefeningen breuken"),
  });
  await teacher.getByRole("button", { name: "Opladen" }).click();
  await expect(teacher.getByRole("status").filter({ hasText: "Het bestand is opgeladen." })).toBeVisible();
  await expect(teacher.locator(".planned")).toContainText(`opgave-${stamp}.pdf`);

  // An evaluation and its grid: a score above the maximum is refused in its cell and kept.
  await teacher.goto("/resultaten");
  await teacher.getByRole("link", { name: "Evaluaties en punten" }).click();
  await teacher.getByLabel("Vak").selectOption({ label: "1A · Wiskunde" });
  await teacher.getByLabel("Titel").fill(evaluationTitle);
  await teacher.getByLabel("Maximum").fill("20");
  await teacher.getByRole("button", { name: "Aanmaken" }).click();
  await expect(teacher.getByRole("heading", { level: 1, name: evaluationTitle })).toBeVisible();
  // The class in the order of names: Emma Janssens, then Lotte Peeters. Enter moves down.
  await teacher.waitForLoadState("networkidle");
  const emma = teacher.getByLabel("Score van Emma Janssens");
  const lotte = teacher.getByLabel("Score van Lotte Peeters");
  await emma.fill("GA");
  await emma.press("Enter");
  await expect(lotte).toBeFocused();
  await lotte.fill("21");
  await teacher.getByRole("button", { name: "Publiceren" }).click();
  await expect(teacher.getByText("Hoger dan het maximum.")).toBeVisible();
  await expect(lotte).toHaveValue("21");
  await expect(lotte).toHaveAttribute("aria-invalid", "true");
  await lotte.fill("15,5");
  await teacher.getByLabel("Feedback voor Lotte Peeters").fill("Goed gewerkt!");
  await teacher.getByRole("button", { name: "Publiceren" }).click();
  await expect(teacher.getByRole("status").filter({ hasText: "Gepubliceerd" })).toBeVisible();

  // The parent, in her own browser, sees both at once.
  await parent.goto("/mijn-kinderen");
  await expect(parent.getByText(testTitle).first()).toBeVisible();
  const file = parent.getByRole("link", { name: `opgave-${stamp}.pdf` }).first();
  const download = await parent.request.get((await file.getAttribute("href"))!);
  expect(download.status()).toBe(200);
  expect(await download.text()).toBe("%PDF-1.4 oefeningen breuken");
  await parent.goto("/resultaten");
  // The period tables (the chart above has its own table of the same evaluations).
  const row = parent.locator(".course-results").getByRole("row").filter({ hasText: evaluationTitle });
  await expect(row).toContainText("15,5 / 20");
  await expect(row).toContainText("Goed gewerkt!");

  // Attendance this morning: Lotte is ill; her mother sees it the same day.
  await teacher.goto("/lvs");
  await teacher.getByRole("link", { name: "Klassen: aanwezigheden en opmerkingen" }).click();
  await teacher.getByRole("link", { name: "1A", exact: true }).click();
  await teacher.getByLabel("Aanwezigheid van Lotte Peeters").selectOption("Z");
  await teacher.getByLabel("Opmerking bij Lotte Peeters").fill(`Ziek thuis ${stamp}`);
  await teacher.getByRole("button", { name: "Opslaan" }).click();
  await expect(teacher.getByRole("status").filter({ hasText: "Opgeslagen." })).toBeVisible();
  await parent.goto("/lvs");
  await expect(parent.getByRole("row").filter({ hasText: `Ziek thuis ${stamp}` })).toContainText("Z");

  // The day's digest, sent now instead of at its hour, lists the test and the score.
  execFileSync(process.env.SCHOOL_BIN!, ["send-digest"], {
    env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL!, RUST_LOG: "warn" },
  });
  const digest = await waitForMail(request, "heidi.peeters@gezin.example", "dagoverzicht");
  expect(digest.text).toContain("Lotte (Sint-Claracollege)");
  expect(digest.text).toContain(testTitle);
  expect(digest.text).toContain(`${evaluationTitle}: 15,5 / 20`);
});

test("a teacher cancels a lesson; the parent's agenda and calendar feed say so", async ({ browser, request }) => {
  const teacher = await sessions.page(browser, an);
  await teacher.goto("/agenda/plannen");
  await teacher.getByLabel("Vak").selectOption({ label: "1A · Wiskunde" });
  await teacher.getByRole("button", { name: "Tonen" }).click();
  const lesson = teacher.locator(".lesson-change").first();
  const room = await lesson.getByRole("textbox").inputValue();
  const when = (await lesson.locator(".lesson-when").innerText()).trim();
  await lesson.getByRole("checkbox", { name: `${when} vervalt` }).check();
  await lesson.getByRole("textbox", { name: `Lokaal van ${when}` }).fill("Refter");
  await lesson.getByRole("button", { name: `Bewaar ${when}` }).click();
  await expect(teacher.getByRole("status").filter({ hasText: "Opgeslagen." })).toBeVisible();
  await expect(teacher.locator(".lesson-change").first()).toContainText(`Refter (lokaal gewijzigd, was ${room})`);

  // Heidi makes the address before the wasm has loaded, and subscribes with it.
  const parent = await sessions.page(browser, heidi, false);
  await parent.goto("/agenda");
  await parent.getByRole("link", { name: "Agenda in je eigen kalender" }).click();
  await parent.getByRole("button", { name: /^Maak een adres voor Lotte Peeters/ }).click();
  await expect(parent.getByRole("status")).toContainText("Het adres is klaar");
  const address = await parent.getByRole("textbox", { name: /^Adres voor Lotte Peeters/ }).inputValue();
  expect(address).toMatch(/\/kalender\/[A-Za-z0-9_-]+\.ics$/);
  const feed = await request.get(address);
  expect(feed.status()).toBe(200);
  expect(feed.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
  const text = (await feed.text()).replace(/\r\n[ \t]/g, "");
  expect(text).toContain("BEGIN:VCALENDAR");
  expect(text).toContain("SUMMARY:Vervalt: Wiskunde");
  expect(text).toContain("STATUS:CANCELLED");
  expect(text).toContain(`Refter (lokaal gewijzigd\\, was ${room})`);
  await parent.close();

  // The agenda says it in words as well.
  const week = await sessions.page(browser, heidi);
  await week.goto("/agenda");
  for (let tries = 0; tries < 3 && !(await week.getByText("Vervalt", { exact: true }).count()); tries++) {
    await week.getByRole("link", { name: /Volgende week/ }).click();
  }
  await expect(week.locator(".lesson.cancelled").first()).toContainText("Vervalt");
  await expect(week.locator(".lesson.cancelled").first()).toContainText("Refter (lokaal gewijzigd");

  // Back as it was, for the specs after this one.
  await lesson.getByRole("checkbox", { name: `${when} vervalt` }).uncheck();
  await lesson.getByRole("textbox", { name: `Lokaal van ${when}` }).fill(room);
  await lesson.getByRole("button", { name: `Bewaar ${when}` }).click();
  await expect(teacher.locator(".lesson-change").first()).not.toContainText("lokaal gewijzigd");
});

test.describe("before the wasm has loaded", () => {
  test("a refused form comes back as it was typed, with the reason", async ({ browser }) => {
    const page = await sessions.page(browser, an, false);
    await page.goto("/resultaten/evaluaties");
    await page.getByLabel("Vak").selectOption({ label: "1A · Wiskunde" });
    await page.getByLabel("Titel").fill("Herhalingstoets procenten");
    await page.getByLabel("Periode").selectOption("3");
    await page.getByLabel("Maximum").fill("twintig");
    await page.getByRole("button", { name: "Aanmaken" }).click();
    await expect(page.getByRole("alert")).toContainText("Het maximum moet een positief getal zijn");
    await expect(page.getByLabel("Titel")).toHaveValue("Herhalingstoets procenten");
    await expect(page.getByLabel("Maximum")).toHaveValue("twintig");
    await expect(page.getByLabel("Periode")).toHaveValue("3");
    expect(await page.getByLabel("Vak").locator("option:checked").textContent()).toBe("1A · Wiskunde");
    // Read once: the page afresh shows the form as new.
    await page.goto("/resultaten/evaluaties");
    await expect(page.getByLabel("Titel")).toHaveValue("");
    await page.close();
  });
});
