import { expect, type Page, test, type TestInfo } from "@playwright/test";
import { waitForMail } from "./support/mail";
import { Sessions } from "./support/sessions";

// A parent books a talk with one of the child's teachers in the demo's open oudercontact, sees it
// in the family's list, gets the confirmation mail, and cancels it; with and without JavaScript.
// A pupil has no Oudercontact at all; a teacher sees the schedule and can print it. Desktop and
// phone share one demo server, so each project books with another parent and teacher.

const heidi = { username: "lotte.peeters", password: "Heidi-mama-2026" };
const ines = { username: "noah.maes", password: "Ines-mama-2026" };
const lotte = { username: "lotte.peeters", password: "Lotte-leerling-2026" };
const an = { username: "an.claes", password: "An-leerkracht-2026" };

function booker(info: TestInfo) {
  return info.project.name === "phone"
    ? { who: ines, email: "ines.maes@gezin.example", child: "Noah", teacher: "Bart Jacobs" }
    : { who: heidi, email: "heidi.peeters@gezin.example", child: "Lotte", teacher: "An Claes" };
}

test.describe.configure({ mode: "serial" });
const sessions = new Sessions();

test.beforeAll(async ({ browser }) => {
  await sessions.signIn(browser, heidi, ines, lotte, an);
});

/** The teacher's entry on the booking page. */
function teacherEntry(page: Page, teacher: string) {
  return page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: teacher, exact: true }) });
}

/** The family's list of talks. */
function familyTalks(page: Page) {
  return page.getByRole("region", { name: "Afspraken van uw kinderen" });
}

test("a parent books a talk for the child, sees it and cancels it", async ({ browser, request }, info) => {
  const { who, email, child, teacher } = booker(info);
  const topic = `Studiemethode (${info.project.name})`;
  const page = await sessions.page(browser, who);
  await page.goto("/oudercontact");
  await expect(page.getByRole("heading", { level: 1, name: "Oudercontact" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: `Oudercontact eerste trimester · ${child}` })).toBeVisible();
  await expect(page.getByText(/Inschrijven en annuleren kan tot/)).toBeVisible();

  const entry = teacherEntry(page, teacher);
  const slot = entry.getByLabel(`Moment bij ${teacher}`);
  await slot.selectOption({ index: 2 });
  // The select groups the times per day: "dinsdag 8 december" holds "8 december, 16:20–16:30".
  const option = slot.locator("option:checked");
  const day = await option.evaluate((o) => (o.parentElement as HTMLOptGroupElement).label);
  const [date, time] = ((await option.textContent()) ?? "").split(", ");
  expect(day).toMatch(new RegExp(`^\\w+dag ${date}$`));
  expect(time).toMatch(/^\d\d:\d\d–\d\d:\d\d$/);
  const chosen = `${day}, ${time}`;
  await entry.getByLabel(`Onderwerp (${teacher})`).fill(topic);
  await entry.getByRole("button", { name: "Boek", exact: true }).click();

  await expect(page.getByRole("status")).toHaveText("Uw afspraak is geboekt. U krijgt een bevestiging per e-mail.");
  await expect(teacherEntry(page, teacher)).toContainText(`Geboekt: ${chosen}`);
  const talk = familyTalks(page).getByRole("listitem").filter({ hasText: topic });
  await expect(talk).toContainText(chosen);
  await expect(talk).toContainText(`${teacher} · ${child}`);

  const mail = await waitForMail(request, email, `Oudercontact geboekt: ${teacher} (${child})`);
  expect(mail.text).toContain(topic);
  expect(mail.text).toContain("/oudercontact");

  await talk.getByRole("button", { name: `Annuleer ${teacher} (${child})` }).click();
  await expect(page.getByRole("status")).toHaveText("De afspraak is geannuleerd.");
  await expect(familyTalks(page).getByRole("listitem").filter({ hasText: topic })).toHaveCount(0);
  await expect(teacherEntry(page, teacher).getByLabel(`Moment bij ${teacher}`)).toBeVisible();
  await waitForMail(request, email, `Oudercontact geannuleerd: ${teacher} (${child})`);
});

test("booking and cancelling work before the wasm has loaded", async ({ browser }, info) => {
  const { who, child, teacher } = booker(info);
  const topic = `Zonder JavaScript (${info.project.name})`;
  const page = await sessions.page(browser, who, false);
  await page.goto("/oudercontact");
  const entry = teacherEntry(page, teacher);
  await entry.getByLabel(`Moment bij ${teacher}`).selectOption({ index: 3 });
  await entry.getByLabel(`Onderwerp (${teacher})`).fill(topic);
  await entry.getByRole("button", { name: "Boek", exact: true }).click();
  await expect(page.getByRole("status")).toHaveText("Uw afspraak is geboekt. U krijgt een bevestiging per e-mail.");
  const talk = familyTalks(page).getByRole("listitem").filter({ hasText: topic });
  await expect(talk).toBeVisible();

  // A second talk with the same teacher for the same child is not offered; the first is cancelled.
  await expect(teacherEntry(page, teacher).getByRole("button", { name: "Boek", exact: true })).toHaveCount(0);
  await talk.getByRole("button", { name: `Annuleer ${teacher} (${child})` }).click();
  await expect(page.getByRole("status")).toHaveText("De afspraak is geannuleerd.");
  await expect(familyTalks(page).getByRole("listitem").filter({ hasText: topic })).toHaveCount(0);
});

test("a pupil has no Oudercontact: no menu item, no page", async ({ browser }) => {
  const page = await sessions.page(browser, lotte);
  await expect(page.locator('a[href="/oudercontact"]')).toHaveCount(0);
  await page.goto("/oudercontact");
  await expect(page.getByText("U hebt geen toegang tot deze gegevens.")).toBeVisible();
  await expect(page.getByLabel(/^Moment bij/)).toHaveCount(0);
  await expect(page.getByText("An Claes")).toHaveCount(0);
});

test("a teacher sees the day's schedule with child, parent and topic, and prints it", async ({ browser }) => {
  const page = await sessions.page(browser, an);
  await page.goto("/oudercontact");
  await expect(page.getByRole("heading", { level: 1, name: "Oudercontact" })).toBeVisible();
  const noah = page.getByRole("row").filter({ hasText: "Noah Maes (2B)" });
  await expect(noah).toContainText("Ines Maes (moeder)");
  await expect(noah).toContainText("Wiskundetaak en planning");
  await expect(page.getByLabel(/^Van \(/).first()).toHaveValue("16:00");
  await page.getByRole("link", { name: /^Afdrukbare planning/ }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: /^Oudercontact eerste trimester · / })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "Noah Maes (2B)" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Afdrukken" })).toBeVisible();
});
