import * as fs from "node:fs";

/** Removes the files the run made for itself (named by playwright.config.ts). */
export default async function teardown(): Promise<void> {
  const files: string[] = JSON.parse(process.env.E2E_REMOVE_AFTER ?? "[]");
  for (const file of files) {
    fs.rmSync(file, { recursive: true, force: true });
  }
}
