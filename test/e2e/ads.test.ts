import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import type { Actor } from '../../src/access/context.js';
import { DEMO_PASSWORD, seedDemo } from '../../src/cli/demo.js';
import { WEB_ROOT } from '../../src/cli/serve.js';
import { loadGazetteer } from '../../src/geo/gazetteer.js';
import { importAds } from '../../src/intake/ads/import.js';
import { PlaceResolver } from '../../src/intake/ads/places.js';
import { ImageStore } from '../../src/intake/images/store.js';
import { buildServer, type App } from '../../src/server/app.js';
import { browserSkip, launchBrowser, signIn } from '../helpers/browser.js';
import { BACKENDS, type TestStore } from '../helpers/stores.js';

/**
 * The ads section in a real browser: a few hand-written synthetic captures imported, then the
 * list filtered by police unit and by a phone number as typed, and one ad opened with its
 * highlights, its capture history and its photo.
 */

const importer: Actor = { id: null, name: 'e2e', roles: ['analyst'], channel: 'cli', ip: null };

function capture(over: Record<string, unknown>): string {
  return JSON.stringify({
    source: 'testbron.test',
    source_id: '2001',
    captured_at: '2023-03-20T21:14:00+01:00',
    title: 'Nieuw in Zwolle',
    text: 'Hoi, ik ben Sofia, 23 jaar. Bel 06-12 34 56 78. 150 p/u.',
    name: 'Sofia',
    location: 'Zwolle',
    phone: '06-12345678',
    price: '150 p/u',
    images: [{ file: 'img/x.jpg' }],
    ...over,
  });
}

const CAPTURES = [
  capture({}),
  // The same ad a week later: a new price, and a WhatsApp link next to the number.
  capture({
    captured_at: '2023-03-27T20:00:00+02:00',
    text: 'Hoi, ik ben Sofia, 23 jaar. Bel 06-12 34 56 78 of app wa.me/31612345678. 100 per half uur.',
    price: '€100 half uur',
  }),
  // Another ad in the same police unit (Oost-Nederland), with another number.
  capture({
    source_id: '2002',
    title: 'Luna in Enschede',
    text: 'Luna, 25 jaar, nieuw in Enschede. Bel 06 87 65 43 21.',
    name: 'Luna',
    location: 'Enschede',
    phone: '0687654321',
    price: '120 p/u',
    images: [],
  }),
  // And one elsewhere (Amsterdam).
  capture({
    source_id: '2003',
    title: 'Mila in Amsterdam',
    text: 'Mila, 27 jaar. Bel 06 11 22 33 44.',
    name: 'Mila',
    location: 'Amsterdam',
    phone: '0611223344',
    price: '200 p/u',
    images: [],
  }),
];

/** A tiny JPEG with some structure (a gradient), as intake hashes it perceptually. */
async function writePhoto(path: string): Promise<void> {
  const { data, info } = await sharp({
    create: { width: 32, height: 24, channels: 3, background: { r: 200, g: 80, b: 160 } },
  })
    .raw()
    .toBuffer({ resolveWithObject: true });
  for (let i = 0; i < data.length; i += 3) data[i + 1] = ((i / 3) % 32) * 8;
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, await sharp(data, { raw: info }).jpeg().toBuffer());
}

/** The list's result count, once the answer for the current URL is in. */
async function resultCount(page: Page): Promise<string> {
  const count = page.locator('.results-count');
  await count.waitFor();
  return (await count.innerText()).trim();
}

describe('web: the ads section', { skip: browserSkip }, () => {
  let t: TestStore;
  let app: App;
  let base: string;
  let browser: Browser;
  let dir: string;

  before(async () => {
    t = await BACKENDS[0]!.open();
    await seedDemo(t.store);
    dir = mkdtempSync(join(tmpdir(), 'schakel-e2e-ads-'));
    const imageDir = join(dir, 'images');
    await writePhoto(join(dir, 'in', 'img', 'x.jpg'));
    writeFileSync(join(dir, 'in', 'captures.jsonl'), `${CAPTURES.join('\n')}\n`);
    const report = await importAds({ store: t.store, now: () => new Date() }, importer, {
      paths: [join(dir, 'in', 'captures.jsonl')],
      places: new PlaceResolver(loadGazetteer()),
      images: new ImageStore(imageDir),
    });
    assert.equal(report.added, 4, JSON.stringify(report.problems));
    assert.equal(report.images.stored, 1);

    app = await buildServer({ store: t.store, webRoot: WEB_ROOT, imageDir });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    await t?.cleanup();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('filters by police unit and phone, opens an ad with its highlights, history and photo', async () => {
    const page = await browser.newPage();
    await signIn(page, base, 'demo', DEMO_PASSWORD);

    await page.getByRole('navigation').getByRole('link', { name: 'Advertenties' }).click();
    await page.getByRole('heading', { level: 1, name: 'Advertenties' }).waitFor();
    assert.equal(await resultCount(page), '3 advertenties');

    // Police unit: the two ads in Oost-Nederland, not the one in Amsterdam.
    await page.getByLabel('Politie-eenheid').selectOption({ label: 'Oost-Nederland' });
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.waitForURL(/[?&]unit=ON(&|$)/);
    await page.getByText('2 advertenties', { exact: true }).waitFor();
    const table = page.locator('.ads-table');
    assert.equal(await table.locator('tbody tr').count(), 2);
    await table.getByRole('link', { name: 'Luna in Enschede' }).waitFor();
    assert.equal(await table.getByRole('link', { name: 'Mila in Amsterdam' }).count(), 0);
    assert.match(await table.innerText(), /Oost-Nederland/);

    // Phone, typed as people write it: matched as +31612345678.
    await page.getByLabel('Telefoonnummer').fill('06 12 34 56 78');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.waitForURL(/[?&]phone=06/);
    await page.getByText('1 advertentie', { exact: true }).waitFor();
    assert.equal(await table.locator('tbody tr').count(), 1);

    // The filters live in the URL: back shows the unit-only list and form again.
    await page.goBack();
    await page.getByText('2 advertenties', { exact: true }).waitFor();
    assert.equal(await page.getByLabel('Telefoonnummer').inputValue(), '');
    assert.equal(await page.getByLabel('Politie-eenheid').inputValue(), 'ON');
    await page.goForward();
    await page.getByText('1 advertentie', { exact: true }).waitFor();
    assert.equal(await page.getByLabel('Telefoonnummer').inputValue(), '06 12 34 56 78');

    // The ad: title of the latest capture, the number highlighted where it was read.
    await table.getByRole('link', { name: 'Nieuw in Zwolle' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nieuw in Zwolle' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Gevonden gegevens' }).waitFor();
    const phoneMarks = page.locator('mark.mark-phone');
    await phoneMarks.first().waitFor();
    assert.ok(
      (await phoneMarks.allInnerTexts()).includes('06-12 34 56 78'),
      'the number is highlighted as written',
    );
    const title = await page
      .locator('mark.mark-phone', { hasText: '06-12 34 56 78' })
      .first()
      .getAttribute('title');
    assert.match(title ?? '', /\+31612345678/);
    // The number inside the wa.me link is both a phone and a contact.
    assert.ok(
      (await page.locator('mark.mark-phone.mark-contact').allInnerTexts()).includes('31612345678'),
    );
    // Found as a phone number and as a WhatsApp contact.
    const identifiers = page.locator('.identifiers');
    await identifiers.getByRole('row', { name: /^Telefoon \+31612345678/ }).waitFor();
    await identifiers.getByRole('row', { name: /^WhatsApp \+31612345678/ }).waitFor();

    // Two captures, newest first; in the newest the changed price is marked as changed.
    const captures = page.locator('article.capture');
    assert.equal(await captures.count(), 2);
    const newest = captures.first();
    assert.match(await newest.locator('h3').innerText(), /Vastlegging 2 van 2/);
    const changed = await newest.locator('.capture-field.is-changed dt').allInnerTexts();
    assert.ok(
      changed.some((label) => /^Prijs/.test(label) && /gewijzigd/.test(label)),
      `changed fields: ${changed.join(' | ')}`,
    );
    assert.match(await captures.nth(1).innerText(), /Eerste vastlegging/);

    // The photo, loaded from the image store.
    const photo = newest.locator('.photos img').first();
    await photo.waitFor();
    assert.match((await photo.getAttribute('src')) ?? '', /^\/api\/images\/[0-9a-f]{64}$/);
    assert.ok(await photo.getAttribute('alt'));
    // Loaded and decoded (a string: the test's TypeScript knows no DOM).
    await page.waitForFunction(
      `(() => {
        const img = document.querySelector('article.capture .photos img');
        return img !== null && img.complete && img.naturalWidth > 0;
      })()`,
      undefined,
      { timeout: 10_000 },
    );

    // English.
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Extracted' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Captures over time' }).waitFor();
    if (process.env.SCHAKEL_SCREENSHOT)
      await page.screenshot({ path: process.env.SCHAKEL_SCREENSHOT, fullPage: true });
    await page.close();
  });
});
