import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { test as base, expect, type Page } from "@playwright/test";
import { firstLink, waitForMail } from "./support/mail";

// A school's IT person starts from an empty database: the command line makes the platform and its
// first admin, and everything after that happens on the pages, up to a parent signed in with the
// letter. This needs a server without the demo, so the spec starts one of its own, on a fresh
// SQLite file, with its mail going to the run's maildev.

const root = path.resolve(__dirname, "../..");
const schoolBin = process.env.SCHOOL_BIN ?? path.join(root, "target/release/school");
const siteRoot = process.env.SCHOOL_SITE_ROOT ?? path.join(root, "target/site");
const smtpURL = process.env.E2E_SMTP_URL ?? `smtp://127.0.0.1:${process.env.E2E_SMTP_PORT ?? 3225}`;

const slug = "delinde";
const schoolName = "Basisschool De Linde";
const city = "Gent";

const adminPassword = "lindeboom-in-de-herfst";
const parentPassword = "fietstocht-naar-de-zee";
const parentEmail = "tom.vandevelde@gezin.example";
const wrongCredentials = "Gebruikersnaam of wachtwoord is niet correct.";

// Two classes as an administration package exports them. Chloë's username loses its accent and its
// spaces; the second Jan Peeters gets a number. Chloë's father comes without an e-mail address.
const pupilsCsv = [
  "klas;voornaam;achternaam;geboortedatum;stamnummer;ouder1_relatie;ouder1_naam;ouder1_email;ouder2_relatie;ouder2_naam;ouder2_email",
  "1A;Chloë;Van De Velde;14/03/2013;20231;moeder;Heidi Peeters;heidi.peeters@gezin.example;vader;Tom Van De Velde;",
  "1A;Jan;Peeters;02/05/2013;20232;moeder;Els Janssens;els.janssens@gezin.example;;;",
  "1A;Jan;Peeters;19/11/2012;20233;vader;Bart Peeters;;;;",
  "1B;Noor;El Amrani;07/01/2013;20234;moeder;Fatima El Amrani;fatima.elamrani@gezin.example;;;",
  "1B;Lucas;Claes;30/09/2012;20235;;;;;;",
].join("\n");
// 1A: three pupils and four parents, one letter each.
const lettersOf1A = 7;

/** The server of this spec, and what it printed. */
class School {
  readonly log: string[] = [];
  private process?: ChildProcess;
  private exited?: string;

  constructor(
    readonly url: string,
    readonly database: string,
    readonly env: NodeJS.ProcessEnv,
  ) {}

  static async start(): Promise<School> {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const database = path.join(os.tmpdir(), `school-e2e-beheer-${process.pid}-${Date.now()}.db`);
    const school = new School(url, database, {
      ...process.env,
      DATABASE_URL: `sqlite://${database}`,
      SITE_ADDR: `127.0.0.1:${port}`,
      BASE_URL: url,
      SITE_ROOT: siteRoot,
      SMTP_URL: smtpURL,
      DEMO: "false",
      RUST_LOG: "warn",
    });
    school.spawn();
    await school.waitUntilHealthy();
    return school;
  }

  private spawn() {
    const server = spawn(schoolBin, [], { cwd: root, env: this.env, stdio: ["ignore", "pipe", "pipe"] });
    const keep = (chunk: Buffer) => this.log.push(...chunk.toString().split("\n").filter(Boolean));
    server.stdout?.on("data", keep);
    server.stderr?.on("data", keep);
    server.on("exit", (code, signal) => {
      this.exited = `exited with ${signal ?? code}`;
    });
    server.on("error", (error) => {
      this.exited = `did not start: ${error.message}`;
    });
    this.process = server;
  }

  private async waitUntilHealthy() {
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (this.exited) {
        throw new Error(`${schoolBin} ${this.exited}:\n${this.log.join("\n")}`);
      }
      try {
        if ((await fetch(`${this.url}/healthz`)).ok) {
          return;
        }
      } catch {
        // Not listening yet.
      }
      if (Date.now() > deadline) {
        throw new Error(`${schoolBin} was not healthy at ${this.url} within 60 s:\n${this.log.join("\n")}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** `school <args>` on this server's database, as the IT person types it. */
  command(...args: string[]) {
    const run = spawnSync(schoolBin, args, { cwd: root, env: this.env, encoding: "utf8", timeout: 60_000 });
    if (run.error) {
      throw run.error;
    }
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
  }

  async stop() {
    const server = this.process;
    if (server && server.exitCode === null && server.signalCode === null) {
      const exited = new Promise((resolve) => server.once("exit", resolve));
      server.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (server.exitCode === null && server.signalCode === null) {
        server.kill("SIGKILL");
      }
    }
    for (const file of [this.database, `${this.database}-wal`, `${this.database}-shm`]) {
      fs.rmSync(file, { force: true });
    }
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (address && typeof address === "object" ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** A pattern that matches `text` and nothing longer. */
function exactly(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);
}

/**
 * What goes wrong in the page's scripts (the wasm, the letters' print button), to assert none did.
 * A refused call is not one: the refused sign-in answers 401, which Chromium logs as a failed load.
 */
function scriptErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(`${page.url()}: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) {
      errors.push(`${page.url()}: ${message.text()}`);
    }
  });
  return errors;
}

async function signIn(page: Page, username: string, password: string) {
  await page.goto(`/${slug}`);
  await page.getByLabel("Gebruikersnaam").fill(username);
  await page.getByLabel("Wachtwoord", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Aanmelden" }).click();
}

/** The forced change of a start password. */
async function chooseNewPassword(page: Page, startPassword: string, newPassword: string) {
  await expect(page).toHaveURL(/\/wachtwoord-wijzigen$/);
  await expect(page.getByRole("heading", { level: 1, name: "Kies een nieuw wachtwoord" })).toBeVisible();
  await expect(page.getByText("U meldde zich aan met een startwachtwoord.")).toBeVisible();
  await page.getByLabel("Huidig wachtwoord").fill(startPassword);
  await page.getByLabel("Nieuw wachtwoord", { exact: true }).fill(newPassword);
  await page.getByLabel("Herhaal het nieuwe wachtwoord").fill(newPassword);
  await page.getByRole("button", { name: "Wachtwoord opslaan" }).click();
}

// The server lives as long as the worker that runs this file. It is a worker fixture rather than a
// beforeAll hook because the pages' baseURL depends on it, and Playwright sets up the baseURL of a
// test before the file's beforeAll hooks run.
const test = base.extend<object, { school: School }>({
  school: [
    async ({}, use) => {
      const school = await School.start();
      await use(school);
      await school.stop();
    },
    { scope: "worker", timeout: 90_000 },
  ],
  baseURL: async ({ school }, use) => use(school.url),
});

let adminStartPassword = "";
let parentStartPassword = "";

test.describe.configure({ mode: "serial", timeout: 90_000 });

test.afterEach(async ({ school }, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus) {
    await testInfo.attach("server log", { body: school.log.join("\n"), contentType: "text/plain" });
  }
});

test("the command line creates the school and its first admin, once", async ({ school }) => {
  const help = school.command("create-platform", "--help");
  expect(help.status).toBe(0);
  expect(help.stdout).toContain('usage: school create-platform <platform> "<school name>" <city>');

  const created = school.command("create-platform", slug, schoolName, city);
  expect(created.status, created.stderr).toBe(0);
  expect(created.stdout).toContain(`The platform of ${schoolName} is ready: ${school.url}/${slug}`);
  expect(created.stdout).toMatch(/^ {2}username: {7}beheer$/m);
  const start = created.stdout.match(/^ {2}start password: (Start-\S+)$/m);
  expect(start, created.stdout).not.toBeNull();
  adminStartPassword = start![1];

  const again = school.command("create-platform", slug, "Een andere school", "Brugge");
  expect(again.status).not.toBe(0);
  expect(again.stderr).toContain(`'${slug}' is taken by another school`);
});

test("the admin chooses a password, imports two classes and prints the letters of 1A", async ({ page, school }) => {
  const errors = scriptErrors(page);
  await page.goto(`/${slug}`);
  await expect(page.getByText(`${schoolName} · ${city}`)).toBeVisible();
  await signIn(page, "beheer", adminStartPassword);
  await chooseNewPassword(page, adminStartPassword, adminPassword);

  // The admin has no e-mail address yet, so the platform asks for one.
  await expect(page.getByRole("heading", { level: 1, name: "Vul uw e-mailadres in" })).toBeVisible();
  await page.getByLabel("Uw e-mailadres").fill("ict@delinde.example");
  await page.getByRole("button", { name: "Bevestig e-mailadres" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Welkom, Beheerder" })).toBeVisible();

  await page.goto("/beheer");
  await expect(page.getByRole("heading", { level: 1, name: "Beheer" })).toBeVisible();
  await expect(page.getByText("0 leerlingen in 0 klassen, met 0 co-accounts.")).toBeVisible();
  await page.getByRole("navigation", { name: "Beheer" }).getByRole("link", { name: "Importeren" }).click();
  await expect(page).toHaveURL(/\/beheer\/import$/);
  await expect(page.getByRole("heading", { level: 1, name: "Importeren" })).toBeVisible();

  const csv = path.join(test.info().outputDir, "leerlingen.csv");
  fs.mkdirSync(path.dirname(csv), { recursive: true });
  fs.writeFileSync(csv, pupilsCsv, "utf8");
  await page.getByLabel("CSV-bestand met de leerlingen").setInputFiles(csv);
  await page.getByRole("button", { name: "Voorbeeld tonen" }).click();

  await expect(page).toHaveURL(/\/beheer\/import\?concept=/);
  const preview = page.getByRole("region", { name: "Voorbeeld van leerlingen.csv" });
  await expect(preview.getByText("Er is nog niets opgeslagen. Kijk het voorbeeld na en bevestig.")).toBeVisible();
  await expect(preview.getByRole("listitem").filter({ hasText: /^Nieuwe leerlingen: 5$/ })).toBeVisible();
  await expect(preview.getByRole("listitem").filter({ hasText: /^Nieuwe co-accounts: 5$/ })).toBeVisible();
  await expect(preview.getByRole("listitem").filter({ hasText: /^Nieuwe klassen: 1A, 1B$/ })).toBeVisible();
  const newPupils = preview.locator("details").filter({ has: page.locator("summary", { hasText: "Nieuwe leerlingen: 5" }) });
  await expect(newPupils.getByRole("listitem")).toHaveCount(5);
  for (const line of [
    "Chloë Van De Velde · 1A · chloe.vandevelde",
    "Jan Peeters · 1A · jan.peeters",
    "Jan Peeters · 1A · jan.peeters2",
    "Noor El Amrani · 1B · noor.elamrani",
    "Lucas Claes · 1B · lucas.claes",
  ]) {
    await expect(newPupils.getByRole("listitem").filter({ hasText: exactly(line) })).toHaveCount(1);
  }
  await preview.getByRole("button", { name: "Bevestigen en importeren" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Import klaar" })).toContainText(
    "Import klaar: 5 nieuwe leerlingen, 5 nieuwe co-accounts, 0 naar een andere klas, 0 terug op school, 0 uitgeschakeld.",
  );

  await page.getByRole("navigation", { name: "Beheer" }).getByRole("link", { name: "Leerlingen" }).click();
  await expect(page).toHaveURL(/\/beheer\/leerlingen$/);
  await expect(page.getByText("5 leerlingen gevonden")).toBeVisible();

  const classLetters = page.locator("form").filter({ has: page.getByRole("heading", { name: "Brieven per klas" }) });
  await classLetters.getByLabel("Klas").selectOption({ label: "1A" });
  await expect(classLetters.getByLabel("Brieven voor")).toHaveValue("iedereen");
  await expect(classLetters.getByLabel("Brieven voor").locator("option:checked")).toHaveText(
    "de leerling en de co-accounts",
  );
  await classLetters.getByRole("button", { name: "Brieven van deze klas afdrukken" }).click();

  // The printable document: one letter per person, the start password only here.
  const letters = page.locator("article.letter");
  await expect(letters).toHaveCount(lettersOf1A);
  await expect(page.getByRole("status")).toHaveText(`${lettersOf1A} brieven, één per blad. Druk ze af en geef ze mee.`);
  for (const letter of await letters.all()) {
    await expect(letter.locator("dd.username")).toHaveText(/^[a-z0-9.]+$/);
    await expect(letter.locator("dd.start-password")).toHaveText(/^Start-\S+$/);
  }
  // Chloë and her two parents share her username; each has a start password of their own.
  await expect(letters.filter({ has: page.locator("dd.username", { hasText: /^chloe\.vandevelde$/ }) })).toHaveCount(3);
  await expect(letters.filter({ hasText: "Noor El Amrani" })).toHaveCount(0);

  const father = letters.filter({ hasText: "Beste Tom Van De Velde," });
  await expect(father).toHaveCount(1);
  await expect(father.locator(".school")).toHaveText(`${schoolName} · vader van Chloë Van De Velde`);
  await expect(father.locator("dd.username")).toHaveText("chloe.vandevelde");
  await expect(father.getByText(`${school.url}/${slug}`).first()).toBeVisible();
  parentStartPassword = (await father.locator("dd.start-password").innerText()).trim();
  expect(parentStartPassword).toMatch(/^Start-\S+$/);
  const passwords = await letters.locator("dd.start-password").allInnerTexts();
  expect(new Set(passwords).size).toBe(lettersOf1A);

  // On paper only the letters: the bar with the print button stays on the screen.
  await expect(page.locator(".screen")).toBeVisible();
  await page.emulateMedia({ media: "print" });
  await expect(page.locator(".screen")).toBeHidden();
  await expect(letters.first()).toBeVisible();
  expect(errors).toEqual([]);
});

test("a parent signs in with the letter, chooses a password and an e-mail address, and sees the child", async ({
  browser,
  request,
  school,
}) => {
  // The parent's own browser: nothing of the admin's session.
  const context = await browser.newContext({ baseURL: school.url });
  const page = await context.newPage();
  const errors = scriptErrors(page);

  await signIn(page, "chloe.vandevelde", parentStartPassword);
  await chooseNewPassword(page, parentStartPassword, parentPassword);

  await expect(page.getByRole("heading", { level: 1, name: "Vul uw e-mailadres in" })).toBeVisible();
  await page.getByLabel("Uw e-mailadres").fill(parentEmail);
  await page.getByRole("button", { name: "Bevestig e-mailadres" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Welkom, Tom" })).toBeVisible();
  await expect(page.getByText("We merken dat u uw e-mailadres nog niet bevestigd heeft")).toBeVisible();

  const mail = await waitForMail(request, parentEmail, "Bevestig uw e-mailadres");
  await page.goto(firstLink(mail.text));
  await page.getByRole("button", { name: "Bevestig e-mailadres" }).click();
  await expect(page.getByRole("status")).toHaveText("Uw e-mailadres is bevestigd.");

  await page.goto("/mijn-kinderen");
  await expect(page.getByRole("heading", { level: 1, name: "Mijn kinderen" })).toBeVisible();
  await expect(page.locator(".module-heading p")).toContainText("Chloë Van De Velde");

  // The start password worked once.
  await page.getByRole("button", { name: "Afmelden" }).click();
  await expect(page).toHaveURL(/\/$/);
  await signIn(page, "chloe.vandevelde", parentStartPassword);
  await expect(page.getByRole("alert")).toHaveText(wrongCredentials);
  await signIn(page, "chloe.vandevelde", parentPassword);
  await expect(page.getByRole("heading", { level: 1, name: "Welkom, Tom" })).toBeVisible();
  expect(errors).toEqual([]);
  await context.close();
});
