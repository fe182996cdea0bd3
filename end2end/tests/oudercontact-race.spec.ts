import { expect, type Page, test } from "@playwright/test";
import { Sessions } from "./support/sessions";

// Two parents go for the same slot: Pieter Wuyts teaches Lotte (1A) and Noah (2B). Ines opens the
// page, Heidi books first, Ines submits the same slot, is told it was just booked and chooses again
// from Pieter's times as they are now. It runs once, on the desktop: the race needs these two
// parents and this teacher to itself.

const heidi = { username: "lotte.peeters", password: "Heidi-mama-2026" };
const ines = { username: "noah.maes", password: "Ines-mama-2026" };

const sessions = new Sessions();

test.beforeAll(async ({ browser }) => {
  await sessions.signIn(browser, heidi, ines);
});

function teacherEntry(page: Page, teacher: string) {
  return page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: teacher, exact: true }) });
}

function familyTalks(page: Page) {
  return page.getByRole("region", { name: "Afspraken van uw kinderen" });
}

test("a slot another parent just booked is refused with a clear message", async ({ browser }) => {
  const late = await sessions.page(browser, ines);
  await late.goto("/oudercontact");
  const early = await sessions.page(browser, heidi);
  await early.goto("/oudercontact");
  const heidisPieter = teacherEntry(early, "Pieter Wuyts");
  await heidisPieter.getByLabel("Moment bij Pieter Wuyts").selectOption({ index: 4 });
  const slot = await heidisPieter.getByLabel("Moment bij Pieter Wuyts").inputValue();
  await heidisPieter.getByRole("button", { name: "Boek", exact: true }).click();
  await expect(early.getByRole("status")).toHaveText("Uw afspraak is geboekt. U krijgt een bevestiging per e-mail.");

  const inesPieter = teacherEntry(late, "Pieter Wuyts");
  await inesPieter.getByLabel("Moment bij Pieter Wuyts").selectOption(slot);
  await inesPieter.getByRole("button", { name: "Boek", exact: true }).click();
  await expect(late.getByRole("alert")).toHaveText("Dit moment is net geboekt door iemand anders. Kies een ander moment.");
  await expect(familyTalks(late).getByRole("listitem").filter({ hasText: "Pieter Wuyts" })).toHaveCount(0);
  // The page, drawn again, leaves out the time Heidi took, and Ines books another.
  const inesTimes = inesPieter.getByLabel("Moment bij Pieter Wuyts");
  await expect(inesTimes.locator(`option[value="${slot}"]`)).toHaveCount(0);
  await expect(inesTimes.locator("option")).not.toHaveCount(0);
  await inesPieter.getByRole("button", { name: "Boek", exact: true }).click();
  await expect(late.getByRole("status")).toHaveText("Uw afspraak is geboekt. U krijgt een bevestiging per e-mail.");
  const inesTalk = familyTalks(late).getByRole("listitem").filter({ hasText: "Pieter Wuyts" });
  await inesTalk.getByRole("button", { name: "Annuleer Pieter Wuyts (Noah)" }).click();
  await expect(late.getByRole("status")).toHaveText("De afspraak is geannuleerd.");

  const heidisTalk = familyTalks(early).getByRole("listitem").filter({ hasText: "Pieter Wuyts" });
  await heidisTalk.getByRole("button", { name: "Annuleer Pieter Wuyts (Lotte)" }).click();
  await expect(early.getByRole("status")).toHaveText("De afspraak is geannuleerd.");
});
