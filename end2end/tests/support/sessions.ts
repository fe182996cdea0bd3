import { type Browser, type BrowserContext, expect, type Page } from "@playwright/test";

/** A demo person; `school` is the platform they sign in at (Sint-Clara unless given). */
export type Person = { username: string; password: string; school?: string };
type State = Awaited<ReturnType<BrowserContext["storageState"]>>;

/**
 * Signs each person in once (at their school) and opens pages in their session afterwards: sign-ins
 * cost a password hash each and count toward the rate limits, and a spec's tests reuse them.
 */
export class Sessions {
  private readonly states = new Map<Person, State>();

  async signIn(browser: Browser, ...people: Person[]) {
    for (const who of people) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`/${who.school ?? "sintclara"}`);
      await page.getByLabel("Gebruikersnaam").fill(who.username);
      await page.getByLabel("Wachtwoord", { exact: true }).fill(who.password);
      await page.getByRole("button", { name: "Aanmelden" }).click();
      // A person without an e-mail address is asked for one first; the modules are reachable either way.
      await expect(page).toHaveURL(/\/(start|e-mailadres)$/);
      this.states.set(who, await context.storageState());
      await context.close();
    }
  }

  /** A page in `who`'s session, on the start page; `javaScript: false` as before the wasm loads. */
  async page(browser: Browser, who: Person, javaScript = true): Promise<Page> {
    const context = await browser.newContext({
      storageState: this.states.get(who),
      javaScriptEnabled: javaScript,
    });
    const page = await context.newPage();
    await page.goto("/start");
    return page;
  }
}
