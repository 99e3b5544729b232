import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { WEB_ROOT } from '../../src/cli/serve.js';

/** Debian's Chromium, driven by playwright-core: nothing is downloaded. */
export const CHROMIUM = process.env.SCHAKEL_CHROMIUM ?? '/usr/bin/chromium';

export const browserSkip: string | undefined = !existsSync(CHROMIUM)
  ? `${CHROMIUM} not found (apt-get install chromium)`
  : !existsSync(join(WEB_ROOT, 'index.html'))
    ? 'web app not built (npm run build)'
    : undefined;

/** Playwright gives each launch a fresh, temporary profile of its own. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** Signs in through the login form (Dutch labels, the default language). */
export async function signIn(page: Page, base: string, username: string, password: string) {
  await page.goto(`${base}/login`);
  await page.getByLabel('Gebruikersnaam').fill(username);
  await page.getByLabel('Wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
}
