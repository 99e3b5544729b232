import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { DEMO_PASSWORD, seedDemo } from '../../src/cli/demo.js';
import { WEB_ROOT } from '../../src/cli/serve.js';
import { buildServer, type App } from '../../src/server/app.js';
import { browserSkip, launchBrowser } from '../helpers/browser.js';
import { BACKENDS, type TestStore } from '../helpers/stores.js';

const SECTIONS_NL = ['Advertenties', 'Netwerken', 'Operaties', 'Apparaten', 'Landelijk beeld'];

describe('web: sign in and see the layout', { skip: browserSkip }, () => {
  let t: TestStore;
  let app: App;
  let base: string;
  let browser: Browser;

  before(async () => {
    t = await BACKENDS[0]!.open();
    await seedDemo(t.store);
    app = await buildServer({ store: t.store, webRoot: WEB_ROOT });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    await t?.cleanup();
  });

  it('shows the login page, signs the demo admin in, and shows every section', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/`);
    await page.getByLabel('Gebruikersnaam').waitFor();
    assert.match(page.url(), /\/login/);
    assert.match(await page.getByTestId('synthetic-banner').innerText(), /synthetisch/);

    await page.getByLabel('Gebruikersnaam').fill('demo');
    await page.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Inloggen' }).click();

    const nav = page.getByRole('navigation');
    for (const name of [...SECTIONS_NL, 'Beheer']) await nav.getByRole('link', { name }).waitFor();
    assert.match(await page.getByTestId('synthetic-banner').innerText(), /synthetisch/);

    await nav.getByRole('link', { name: 'Beheer' }).click();
    await page.getByRole('rowheader', { name: 'demo-auditor', exact: true }).waitFor();
    if (process.env.SCHAKEL_SCREENSHOT)
      await page.screenshot({ path: process.env.SCHAKEL_SCREENSHOT, fullPage: true });
    await page.close();
  });

  it('switches to English and keeps the choice', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/login`);
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await page.getByLabel('Username').fill('demo');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    const nav = page.getByRole('navigation');
    for (const name of ['Ads', 'Networks', 'Operations', 'Devices', 'Picture', 'Admin'])
      await nav.getByRole('link', { name }).waitFor();
    await page.reload();
    await nav.getByRole('link', { name: 'Networks' }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    await page.close();
  });

  it('shows a wrong password as such, and hides Admin from a field officer', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/login`);
    await page.getByLabel('Gebruikersnaam').fill('demo-agent');
    await page.getByLabel('Wachtwoord').fill('not-the-password');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByText('Onjuiste gebruikersnaam of wachtwoord').waitFor();

    await page.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    const nav = page.getByRole('navigation');
    await nav.getByRole('link', { name: 'Advertenties' }).waitFor();
    assert.equal(await nav.getByRole('link', { name: 'Beheer' }).count(), 0);
    await page.close();
  });
});
