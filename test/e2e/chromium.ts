import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium: the browser the inbox is tested in. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** A headless Chromium with a fresh profile, and what the page did that it must not. */
export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Dialogs (alert, confirm, prompt) opened by any frame. */
  dialogs: string[];
  /** Console messages of any frame. */
  consoleMessages: string[];
  close(): Promise<void>;
}

/**
 * Starts Chromium. A machine without it fails the test with the command that fixes it: a
 * browser test that skips would pass while testing nothing.
 */
export async function startChromium(viewport = { width: 1200, height: 760 }): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`no browser at ${CHROMIUM_PATH}: install chromium (apt-get install chromium)`);
  const profile = mkdtempSync(join(tmpdir(), 'posthouse-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport,
    acceptDownloads: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const dialogs: string[] = [];
  const consoleMessages: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('console', (message) => consoleMessages.push(message.text()));
  return {
    context,
    page,
    dialogs,
    consoleMessages,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
