import { expect, type Page, test } from "@playwright/test";
import { Sessions } from "./support/sessions";

// The Sint-Jozef admin opens an oudercontact for 3C in the form; the class's teachers see it, one
// gives hours, and the admin's overview shows who has hours and how full they are. Its window
// opens later, so no parent can book in it and the other specs' demo is left as it was.

const admin = { school: "sintjozef", username: "beheer", password: "Beheer-sintjozef-2026" };
const sofie = { school: "sintjozef", username: "sofie.mertens", password: "Sofie-leerkracht-2026" };
const title = "Oudercontact tweede trimester";

const sessions = new Sessions();

test.beforeAll(async ({ browser }) => {
  await sessions.signIn(browser, admin, sofie);
});

/** A moment's entry in the admin's list. */
function organised(page: Page) {
  return page
    .getByRole("region", { name: "Oudercontacten" })
    .getByRole("listitem")
    .filter({ has: page.getByRole("heading", { name: title }) });
}

test("the admin opens a moment, a teacher gives hours and the admin sees who has", async ({ browser }) => {
  const page = await sessions.page(browser, admin);
  await page.goto("/oudercontact");
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Open oudercontact" }) });
  await form.getByLabel("Titel").fill(title);
  await form.getByLabel("Eerste dag").fill("2027-02-02");
  await form.getByLabel("Laatste dag").fill("2027-02-03");
  await form.getByLabel("Begin van de dag").fill("16:00");
  await form.getByLabel("Einde van de dag").fill("19:00");
  await form.getByLabel("Duur van een gesprek (minuten)").fill("10");
  await form.getByLabel("Tijd tussen gesprekken (minuten)").fill("5");
  await form.getByLabel("Inschrijven vanaf").fill("2027-01-20T08:00");
  await form.getByLabel("Inschrijven tot").fill("2027-01-31T12:00");
  await form.getByLabel("Online").check();
  await form.getByLabel("3C").check();
  await form.getByRole("button", { name: "Open oudercontact" }).click();

  await expect(page.getByRole("status")).toHaveText("Het oudercontact is geopend.");
  const entry = organised(page);
  await expect(entry).toContainText("dinsdag 2 februari – woensdag 3 februari, 16:00–19:00");
  await expect(entry).toContainText("Online · 3C");
  await expect(entry.getByRole("row").filter({ hasText: "Sofie Mertens" })).toContainText("nog geen uren opgegeven");
  await expect(entry.getByRole("row").filter({ hasText: "Jan De Smet" })).toContainText("nog geen uren opgegeven");

  // Sofie teaches 3C: she sees the moment and gives hours on its first day.
  const teacher = await sessions.page(browser, sofie);
  await teacher.goto("/oudercontact");
  const moment = teacher.locator("section").filter({ has: teacher.getByRole("heading", { level: 2, name: title }) });
  await moment.getByLabel("Van (dinsdag 2 februari)", { exact: true }).fill("16:00");
  await moment.getByLabel("Tot (dinsdag 2 februari)", { exact: true }).fill("17:00");
  await moment.getByRole("button", { name: "Bewaar uren" }).first().click();
  await expect(teacher.getByRole("status")).toHaveText("Uw uren zijn bewaard.");
  // 16:00–17:00 with 10-minute talks and 5 minutes between them: 16:00, 16:15, 16:30, 16:45.
  await expect(moment.getByRole("row").filter({ hasText: "vrij" })).toHaveCount(4);
  await expect(moment.getByRole("row").filter({ hasText: "16:45–16:55" })).toBeVisible();

  await page.reload();
  await expect(organised(page).getByRole("row").filter({ hasText: "Sofie Mertens" })).toContainText("0 / 4");
  await expect(organised(page).getByRole("row").filter({ hasText: "Jan De Smet" })).toContainText("nog geen uren opgegeven");
  await expect(organised(page)).toContainText("0 / 4 gesprekken geboekt");
});
