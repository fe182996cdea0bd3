import { expect, type Page, test } from "@playwright/test";
import { waitForMail } from "./support/mail";
import { Sessions } from "./support/sessions";

// Heidi writes to Lotte's class teacher, An Claes; An replies; Heidi reads the reply. Lotte signs
// in with the same username and her own password and sees none of it: every person has a mailbox
// of their own. Subjects carry the project's name, as desktop and phone share one demo server.

const heidi = { username: "lotte.peeters", password: "Heidi-mama-2026" };
const lotte = { username: "lotte.peeters", password: "Lotte-leerling-2026" };
const an = { username: "an.claes", password: "An-leerkracht-2026" };

// The second test uses the first one's message; both reuse one sign-in per person.
test.describe.configure({ mode: "serial" });
const sessions = new Sessions();

test.beforeAll(async ({ browser }) => {
  await sessions.signIn(browser, heidi, an, lotte);
});

function row(page: Page, subject: string) {
  return page.getByRole("row").filter({ has: page.getByRole("link", { name: subject, exact: true }) });
}

test("a parent writes the class teacher, the teacher replies, the pupil sees none of it", async ({ browser, request }, info) => {
  const subject = `Afwezig vrijdag (${info.project.name})`;
  const question = "Lotte is vrijdag bij de tandarts. Mag ze de toets later maken?";
  const answer = "Geen probleem, ze maakt de toets maandag.";

  // Heidi writes, with an attachment.
  const parent = await sessions.page(browser, heidi);
  await parent.goto("/berichten");
  await expect(parent.getByRole("heading", { level: 1, name: "Berichten" })).toBeVisible();
  await parent.getByRole("link", { name: "Nieuw bericht" }).click();
  await expect(parent.getByRole("heading", { level: 1, name: "Nieuw bericht" })).toBeVisible();
  // The school's addresses and Lotte's teachers; no other family.
  await expect(parent.getByLabel("Secretariaat")).toBeVisible();
  await expect(parent.getByLabel(/Ines Maes/)).toHaveCount(0);
  await parent.getByLabel(/^An Claes \(klastitularis/).check();
  await parent.getByLabel("Onderwerp").fill(subject);
  await parent.getByLabel("Bericht", { exact: true }).fill(question);
  await parent.getByLabel("Bijlagen toevoegen").setInputFiles({
    name: "afspraak.txt",
    mimeType: "text/plain",
    buffer: Buffer.from("Tandarts vrijdag 10 uur"),
  });
  await parent.getByRole("button", { name: "Verzenden" }).click();
  await expect(parent.getByRole("status")).toHaveText("Uw bericht is verzonden.");
  await expect(parent.getByRole("link", { name: "Verzonden", exact: true })).toHaveAttribute("aria-current", "page");
  await expect(row(parent, subject)).toContainText("An Claes");
  // She wants a mail when an answer comes.
  await parent.goto("/start");
  await parent.getByRole("link", { name: "Meldingen instellen" }).click();
  await parent.getByLabel("Stuur mij een e-mail bij elk nieuw bericht").check();
  await parent.getByRole("button", { name: "Bewaren" }).click();
  await expect(parent.getByRole("status")).toHaveText("Uw keuze is bewaard.");

  // An finds it unread, opens it, downloads the attachment and replies.
  const teacher = await sessions.page(browser, an);
  await teacher.goto("/berichten");
  await expect(row(teacher, subject)).toContainText("Ongelezen");
  await row(teacher, subject).getByRole("link").click();
  await expect(teacher.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  await expect(teacher.getByText(question)).toBeVisible();
  const download = teacher.waitForEvent("download");
  await teacher.getByRole("link", { name: "afspraak.txt" }).click();
  expect((await download).suggestedFilename()).toBe("afspraak.txt");
  await teacher.getByRole("link", { name: "Beantwoorden", exact: true }).click();
  await expect(teacher.getByLabel(/^Heidi Peeters \(moeder van Lotte Peeters\)/)).toBeChecked();
  await expect(teacher.getByLabel("Onderwerp")).toHaveValue(`Re: ${subject}`);
  const body = teacher.getByLabel("Bericht", { exact: true });
  await body.fill(`${answer}\n\n${await body.inputValue()}`);
  await teacher.getByRole("button", { name: "Verzenden" }).click();
  await expect(teacher.getByRole("status")).toHaveText("Uw bericht is verzonden.");

  // The mail names the message and links to it, without its content.
  const mail = await waitForMail(request, "heidi.peeters@gezin.example", `Re: ${subject}`);
  expect(mail.text).not.toContain(answer);
  const link = mail.text.match(/http\S+\/berichten\/[0-9a-f-]{36}/)?.[0] ?? "";
  expect(link).not.toBe("");

  // Heidi sees the reply, counted as unread in the navigation, and reads it from the mail's link.
  await parent.goto("/berichten");
  await parent.getByText("Ga naar", { exact: true }).click();
  const menu = parent.getByRole("navigation", { name: "Ga naar" });
  await expect(menu.getByRole("link", { name: /^Berichten \d+ ongelezen$/ })).toBeVisible();
  await parent.getByText("Ga naar", { exact: true }).click();
  await expect(row(parent, `Re: ${subject}`)).toContainText("Ongelezen");
  await parent.goto(link);
  await expect(parent.getByRole("heading", { level: 1, name: `Re: ${subject}` })).toBeVisible();
  await expect(parent.getByText(answer)).toBeVisible();
  await expect(parent.locator(".message-meta")).toContainText("An Claes");
  const address = parent.url();

  // Lotte: same username, her own password, her own mailbox.
  const pupil = await sessions.page(browser, lotte);
  for (const folder of ["postvak-in", "verzonden", "archief", "prullenbak"]) {
    await pupil.goto(`/berichten?map=${folder}`);
    await expect(pupil.getByRole("heading", { level: 1, name: "Berichten" })).toBeVisible();
    await expect(pupil.getByText(subject)).toHaveCount(0);
  }
  // Her own messages are there: the secretariaat wrote to her class.
  await pupil.goto("/berichten");
  await expect(row(pupil, "Fotodag donderdag")).toBeVisible();
  await pupil.goto(address);
  await expect(pupil.getByText(answer)).toHaveCount(0);
  await expect(pupil.getByRole("heading", { level: 1 })).not.toHaveText(`Re: ${subject}`);
});

test("search, formatting, a flag and the trash", async ({ browser }, info) => {
  const subject = `Afwezig vrijdag (${info.project.name})`;
  const parent = await sessions.page(browser, heidi);
  await parent.goto("/berichten");
  await parent.getByRole("searchbox", { name: "Zoeken op afzender of onderwerp" }).fill("welkom");
  await parent.getByRole("button", { name: "Zoeken" }).click();
  await expect(parent.getByRole("row")).toHaveCount(2); // the header and the one hit
  await row(parent, "Welkom in 1A").getByRole("link").click();
  await expect(parent.getByRole("heading", { level: 1, name: "Welkom in 1A" })).toBeVisible();
  // The body keeps its formatting.
  await expect(parent.locator(".message-body strong")).toHaveText("altijd");

  // Her own sent copy of the first test's message: flag it, bin it, restore it.
  await parent.goto("/berichten?map=verzonden");
  await row(parent, subject).getByRole("link").click();
  await parent.getByRole("button", { name: "Markeren", exact: true }).click();
  await expect(parent.getByRole("button", { name: "Markering weghalen" })).toBeVisible();
  await parent.getByRole("button", { name: "Naar prullenbak" }).click();
  await expect(parent.getByRole("status")).toHaveText("Het bericht staat in de prullenbak.");
  await parent.getByRole("link", { name: "Prullenbak", exact: true }).click();
  await row(parent, subject).getByRole("link").click();
  await parent.getByRole("button", { name: "Terugzetten" }).click();
  await expect(parent.getByRole("status")).toHaveText("Het bericht is verplaatst.");
  await parent.getByRole("link", { name: "Verzonden", exact: true }).click();
  await expect(row(parent, subject).getByRole("img", { name: "Gemarkeerd" })).toBeVisible();
});

test("writing and the actions work before the wasm has loaded", async ({ browser }, info) => {
  const subject = `Vraag over de fotodag (${info.project.name})`;
  const pupil = await sessions.page(browser, lotte, false);
  await pupil.goto("/berichten/nieuw");
  await pupil.getByLabel("Secretariaat").check();
  await pupil.getByLabel("Onderwerp").fill(subject);
  await pupil.getByLabel("Bericht", { exact: true }).fill("Mag ik mijn broer meenemen op de foto?");
  await pupil.getByRole("button", { name: "Verzenden" }).click();
  await expect(pupil.getByRole("status")).toHaveText("Uw bericht is verzonden.");
  await row(pupil, subject).getByRole("link").click();
  await pupil.getByRole("button", { name: "Markeren", exact: true }).click();
  await expect(pupil.getByRole("button", { name: "Markering weghalen" })).toBeVisible();
  // A message without a recipient is kept as a draft, with the reason.
  await pupil.goto("/berichten/nieuw");
  await pupil.getByLabel("Onderwerp").fill(`Vergeten (${info.project.name})`);
  await pupil.getByRole("button", { name: "Verzenden" }).click();
  await expect(pupil.getByRole("alert")).toHaveText("Kies minstens één ontvanger.");
  await expect(pupil.getByRole("heading", { level: 1, name: "Concept bewerken" })).toBeVisible();
  await expect(pupil.getByLabel("Onderwerp")).toHaveValue(`Vergeten (${info.project.name})`);
});
