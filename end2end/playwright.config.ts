import { defineConfig, devices } from "@playwright/test";
import * as os from "node:os";
import * as path from "node:path";

// The app under test: the release build, on a throw-away SQLite file with the demo seeded.
const port = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://127.0.0.1:${port}`;
const root = path.resolve(__dirname, "..");
// The release build: target/ of this checkout unless SCHOOL_BIN and SCHOOL_SITE_ROOT name another
// (a worktree that builds into a shared CARGO_TARGET_DIR). Handed on to the test workers, for the
// specs that start a server of their own.
const schoolBin = process.env.SCHOOL_BIN ?? path.join(root, "target/release/school");
const siteRoot = process.env.SCHOOL_SITE_ROOT ?? path.join(root, "target/site");
process.env.SCHOOL_BIN = schoolBin;
process.env.SCHOOL_SITE_ROOT = siteRoot;
// Chosen once by the runner; its workers read the config again and must name the same file.
const ownDatabase = process.env.E2E_DATABASE_FILE === undefined;
const database =
  process.env.E2E_DATABASE_FILE ?? path.join(os.tmpdir(), `school-e2e-${process.pid}-${Date.now()}.db`);
process.env.E2E_DATABASE_FILE = database;

// The app sends its mail to maildev; tests read it back through maildev's REST API. The addresses
// are handed to the test workers (and tests/support/mail.ts) through E2E_SMTP_URL and E2E_MAILDEV_URL.
const smtpPort = Number(process.env.E2E_SMTP_PORT ?? 3225);
const smtpURL = `smtp://127.0.0.1:${smtpPort}`;
const maildevPort = Number(process.env.E2E_MAILDEV_PORT ?? 3226);
const maildevURL = `http://127.0.0.1:${maildevPort}`;
process.env.E2E_SMTP_URL = smtpURL;
// For the specs that run a command of the server binary on the same database (the digest).
process.env.E2E_DATABASE_URL = `sqlite://${database}`;
process.env.E2E_MAILDEV_URL = maildevURL;
const maildevStore = path.join(os.tmpdir(), `school-e2e-maildev-${process.pid}-${Date.now()}`);
// What the runner made for itself goes when the run ends (teardown.ts): the database, with the
// files SQLite keeps beside it, and maildev's mail. A database named through the environment stays.
if (ownDatabase) {
  process.env.E2E_REMOVE_AFTER = JSON.stringify([
    database,
    `${database}-wal`,
    `${database}-shm`,
    maildevStore,
  ]);
}

const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
};

export default defineConfig({
  testDir: "./tests",
  globalTeardown: "./teardown.ts",
  fullyParallel: true,
  forbidOnly: true,
  retries: 0,
  workers: 2,
  timeout: 30_000,
  // A hang ends the run with a failure rather than running into CI's own limit.
  globalTimeout: 20 * 60_000,
  reporter: [["list"]],
  use: {
    baseURL,
    locale: "nl-BE",
    trace: "retain-on-failure",
    launchOptions: chromium,
  },
  projects: [
    // A family of four on a plain 360 px screen: Heidi's family grows by two children and is given
    // back as the demo links it, before the specs that read it.
    {
      name: "phone-header",
      testMatch: /phone-header\.spec\.ts/,
      use: { ...devices["Desktop Chrome"], launchOptions: chromium },
    },
    {
      name: "desktop",
      testIgnore: /(teaching|phone-header)\.spec\.ts/,
      dependencies: ["phone-header"],
      use: { ...devices["Desktop Chrome"], launchOptions: chromium },
    },
    // The account flows change the demo's passwords, the family flow its family, the race needs its
    // parents and teacher to itself and the admin adds a moment, so they run once, on the desktop.
    // The Beheer flow starts a server of its own, which one run is enough for.
    {
      name: "phone",
      testIgnore: /(accounts|family|oudercontact-race|oudercontact-admin|beheer|teaching|phone-header)\.spec\.ts/,
      dependencies: ["phone-header"],
      use: { ...devices["Pixel 7"], launchOptions: chromium },
    },
    // Teachers publish results and plan work for Lotte: after the specs that compare her pages.
    {
      name: "teaching",
      testMatch: /teaching\.spec\.ts/,
      dependencies: ["desktop", "phone"],
      use: { ...devices["Desktop Chrome"], launchOptions: chromium },
    },
  ],
  webServer: [
    {
      command: [
        path.join(__dirname, "node_modules/.bin/maildev"),
        `--smtp ${smtpPort}`,
        `--web ${maildevPort}`,
        "--ip 127.0.0.1",
        "--web-ip 127.0.0.1",
        `--mail-directory ${maildevStore}`,
      ].join(" "),
      cwd: __dirname,
      url: `${maildevURL}/api/healthz`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: schoolBin,
      cwd: root,
      url: `${baseURL}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: {
        DATABASE_URL: `sqlite://${database}`,
        SITE_ADDR: `127.0.0.1:${port}`,
        SITE_ROOT: siteRoot,
        SMTP_URL: smtpURL,
        // The tests sign in as the demo's people; the server seeds them only when asked.
        DEMO: "true",
        // Every browser of the run signs in from this one machine, like parents on a school network.
        SIGN_IN_LIMIT_PER_CLIENT: "300",
        RUST_LOG: "warn",
      },
    },
  ],
});
