import type { APIRequestContext } from "@playwright/test";

// Mail the app sent, read back from maildev (started by playwright.config.ts, which exports its
// address). The app delivers through its outbox worker, so a mail arrives a second or so after the
// action that caused it: poll rather than read once.

export interface ReceivedMail {
  subject: string;
  text: string;
  html: string;
}

interface MaildevMail extends ReceivedMail {
  to: { address: string }[];
  time: string;
}

const WAIT_MS = 15_000;
const POLL_MS = 250;

function maildevURL(): string {
  const url = process.env.E2E_MAILDEV_URL;
  if (!url) {
    throw new Error("E2E_MAILDEV_URL is not set: run the tests through playwright.config.ts (scripts/test)");
  }
  return url;
}

/** The newest mail to `to` whose subject contains `subjectPart`; fails after about 15 s. */
export async function waitForMail(
  request: APIRequestContext,
  to: string,
  subjectPart: string,
): Promise<ReceivedMail> {
  const url = `${maildevURL()}/api/email?to.address=${encodeURIComponent(to)}`;
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const response = await request.get(url);
    if (!response.ok()) {
      throw new Error(`maildev answered ${response.status()} at ${url}`);
    }
    const received = (await response.json()) as MaildevMail[];
    const matching = received
      .filter((mail) => mail.subject.includes(subjectPart))
      .sort((a, b) => Date.parse(b.time) - Date.parse(a.time));
    if (matching.length > 0) {
      const { subject, text, html } = matching[0];
      return { subject, text: text ?? "", html: html ?? "" };
    }
    if (Date.now() > deadline) {
      const subjects = JSON.stringify(received.map((mail) => mail.subject));
      throw new Error(
        `no mail to ${to} with "${subjectPart}" in its subject within ${WAIT_MS / 1000} s; ` +
          `mail to that address: ${subjects}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** The first http(s) link in a mail's text body. */
export function firstLink(text: string): string {
  const match = text.match(/https?:\/\/[^\s<>"]+/);
  if (!match) {
    throw new Error(`no link in the mail:\n${text}`);
  }
  return match[0];
}
