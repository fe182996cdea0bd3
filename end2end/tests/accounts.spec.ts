import { expect, type Page, test } from "@playwright/test";
import { firstLink, waitForMail } from "./support/mail";

// Each flow uses its own demo username, so the flows can run side by side on one database.

async function signIn(page: Page, username: string, password: string, school = "sintclara") {
  await page.goto(`/${school}`);
  await page.getByLabel("Gebruikersnaam").fill(username);
  await page.getByLabel("Wachtwoord", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Aanmelden" }).click();
}

const wrongCredentials = "Gebruikersnaam of wachtwoord is niet correct.";

test("first sign-in with a start password: new password, e-mail address, confirmation link", async ({
  page,
  request,
}) => {
  await signIn(page, "emma.janssens", "Start-Sarah-4821");
  await expect(page.getByRole("heading", { level: 1, name: "Kies een nieuw wachtwoord" })).toBeVisible();
  await expect(page).toHaveURL(/\/wachtwoord-wijzigen$/);

  // The start password is asked again: a change always needs the current password.
  await page.getByLabel("Huidig wachtwoord").fill("niet-het-startwachtwoord");
  await page.getByLabel("Nieuw wachtwoord", { exact: true }).fill("zonnebloem-op-het-dak");
  await page.getByLabel("Herhaal het nieuwe wachtwoord").fill("zonnebloem-op-het-dak");
  await page.getByRole("button", { name: "Wachtwoord opslaan" }).click();
  await expect(page.getByRole("alert")).toContainText("Uw huidige wachtwoord is niet correct.");

  await page.getByLabel("Huidig wachtwoord").fill("Start-Sarah-4821");
  await page.getByLabel("Nieuw wachtwoord", { exact: true }).fill("zonnebloem-op-het-dak");
  await page.getByLabel("Herhaal het nieuwe wachtwoord").fill("zonnebloem-op-het-dak");
  await page.getByRole("button", { name: "Wachtwoord opslaan" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Vul uw e-mailadres in" })).toBeVisible();
  await page.getByLabel("Uw e-mailadres").fill("sarah.wouters@gezin.example");
  await page.getByRole("button", { name: "Bevestig e-mailadres" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Welkom, Sarah" })).toBeVisible();
  await expect(page.getByText("We merken dat u uw e-mailadres nog niet bevestigd heeft")).toBeVisible();

  const mail = await waitForMail(request, "sarah.wouters@gezin.example", "Bevestig uw e-mailadres");
  expect(mail.html).toContain("Bevestig e-mailadres");
  await page.goto(firstLink(mail.text));
  await page.getByRole("button", { name: "Bevestig e-mailadres" }).click();
  await expect(page.getByRole("status")).toHaveText("Uw e-mailadres is bevestigd.");

  await page.goto("/start");
  await expect(page.getByRole("heading", { level: 1, name: "Welkom, Sarah" })).toBeVisible();
  await expect(page.getByText("We merken dat u uw e-mailadres nog niet bevestigd heeft")).toHaveCount(0);
});

test("forgotten password: a mailed link sets a new one and the old one stops working", async ({
  page,
  request,
}) => {
  await page.goto("/sintclara");
  await page.getByRole("link", { name: "Wachtwoord vergeten?" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Wachtwoord vergeten?" })).toBeVisible();
  await page.getByLabel("Gebruikersnaam").fill("lotte.peeters");
  await page.getByRole("button", { name: "Verstuur link" }).click();
  await expect(page.getByRole("status")).toContainText("Als er bij deze gebruikersnaam een bevestigd e-mailadres hoort");

  // Until the link is used, the current password keeps working.
  const mail = await waitForMail(request, "tom.peeters@gezin.example", "Nieuw wachtwoord kiezen");
  await signIn(page, "lotte.peeters", "Tom-papa-2026");
  await expect(page.getByRole("heading", { level: 1, name: "Welkom, Tom" })).toBeVisible();
  await page.getByRole("button", { name: "Afmelden" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Kies je school" })).toBeVisible();

  await page.goto(firstLink(mail.text));
  await page.getByLabel("Nieuw wachtwoord", { exact: true }).fill("regenboog-boven-geel");
  await page.getByLabel("Herhaal het nieuwe wachtwoord").fill("regenboog-boven-geel");
  await page.getByRole("button", { name: "Wachtwoord opslaan" }).click();
  await expect(page.getByRole("status")).toHaveText("Uw wachtwoord is gewijzigd. Meld u aan met uw nieuwe wachtwoord.");
  await waitForMail(request, "tom.peeters@gezin.example", "Uw wachtwoord werd gewijzigd");

  await signIn(page, "lotte.peeters", "Tom-papa-2026");
  await expect(page.getByRole("alert")).toHaveText(wrongCredentials);
  await signIn(page, "lotte.peeters", "regenboog-boven-geel");
  await expect(page.getByRole("heading", { level: 1, name: "Welkom, Tom" })).toBeVisible();
});

test("ten wrong passwords lock sign-in for a while; the mailed link lifts it", async ({ page, request }) => {
  for (let attempt = 1; attempt <= 10; attempt++) {
    await signIn(page, "noah.maes", `verkeerd-${attempt}-wachtwoord`);
    await expect(page.getByRole("alert")).toHaveText(wrongCredentials);
  }
  await signIn(page, "noah.maes", "Ines-mama-2026");
  await expect(page.getByRole("alert")).toHaveText(wrongCredentials);

  const mail = await waitForMail(request, "ines.maes@gezin.example", "Aanmelden even geblokkeerd");
  await page.goto(firstLink(mail.text));
  await expect(page.getByRole("heading", { level: 1, name: "Meteen weer aanmelden" })).toBeVisible();
  await page.getByRole("button", { name: "Blokkering opheffen" }).click();
  await expect(page.getByRole("status")).toHaveText("De blokkering is opgeheven. U kan zich opnieuw aanmelden.");

  await signIn(page, "noah.maes", "Ines-mama-2026");
  await expect(page.getByRole("heading", { level: 1, name: "Welkom, Ines" })).toBeVisible();
});

test("a parent sees who can see the children and ends a session on another device", async ({ browser }) => {
  // Heidi is signed in on her phone (Firefox on Android) and on this computer, with Wout's username
  // at Sint-Jozef (Lotte's is signed in to by many specs, and each username has its own limit).
  const phone = await browser.newContext({
    userAgent: "Mozilla/5.0 (Android 14; Mobile; rv:120.0) Gecko/120.0 Firefox/120.0",
  });
  const phonePage = await phone.newPage();
  await signIn(phonePage, "wout.peeters", "Heidi-mama-2026", "sintjozef");
  await expect(phonePage).toHaveURL(/\/(start|e-mailadres)$/);
  const computer = await browser.newContext();
  const page = await computer.newPage();
  await signIn(page, "wout.peeters", "Heidi-mama-2026", "sintjozef");
  await expect(page).toHaveURL(/\/(start|e-mailadres)$/);

  await page.goto("/start");
  await page.getByRole("link", { name: "Wie kan mijn kind zien?" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Wie kan mijn kind zien?" })).toBeVisible();
  // Each child of the family with the people who can see it (the family spec may have Lotte
  // unlinked for a moment, so only Wout is certain).
  const wout = page.getByRole("region", { name: "Wout Peeters · Sint-Jozefinstituut" });
  await expect(wout.getByText("Sofie Mertens")).toBeVisible();
  await expect(wout.getByText("klastitularis")).toBeVisible();
  await expect(wout.getByText("Wout Peeters", { exact: true })).toBeVisible();
  await expect(wout.getByText("jij")).toBeVisible();
  // Her recent sign-ins name the phone.
  const signIns = page.getByRole("region", { name: "Je laatste aanmeldingen" });
  await expect(signIns.getByRole("cell", { name: "Firefox op Android" }).first()).toBeVisible();

  // One click ends the phone's session; the next offers the password change.
  const sessions = page.getByRole("region", { name: "Waar je nu aangemeld bent" });
  await sessions.getByRole("button", { name: /^Meld Firefox op Android af/ }).click();
  await expect(page.getByRole("status")).toContainText("Dat toestel is afgemeld.");
  await expect(sessions.getByRole("button", { name: /^Meld Firefox op Android af/ })).toHaveCount(0);
  await expect(page.getByRole("status").getByRole("link", { name: "Wachtwoord wijzigen" })).toBeVisible();

  // The phone is signed out at its next request.
  await phonePage.goto("/start");
  await expect(phonePage).toHaveURL(/\/$/);
  await phone.close();
  await computer.close();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("signing in, a wrong password and signing out work as plain forms", async ({ page }) => {
    await signIn(page, "wout.peeters", "niet-het-juiste-wachtwoord", "sintjozef");
    await expect(page.getByRole("alert")).toHaveText(wrongCredentials);

    await signIn(page, "wout.peeters", "Wout-leerling-2026", "sintjozef");
    // Without an e-mail address on file, the platform asks for one first; it can wait.
    await expect(page.getByRole("heading", { level: 1, name: "Vul uw e-mailadres in" })).toBeVisible();
    await page.getByRole("link", { name: "Naar de startpagina" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Welkom, Wout" })).toBeVisible();
    await expect(page.getByText("U bent aangemeld als leerling.")).toBeVisible();

    await page.getByRole("button", { name: "Afmelden" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Kies je school" })).toBeVisible();
    await page.goto("/start");
    await expect(page).toHaveURL(/\/$/);
  });
});
