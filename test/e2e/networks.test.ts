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
import { runLinking } from '../../src/link/job.js';
import { buildServer, type App } from '../../src/server/app.js';
import { browserSkip, launchBrowser, signIn } from '../helpers/browser.js';
import { BACKENDS, type TestStore } from '../helpers/stores.js';

/**
 * The networks section in a real browser: hand-written synthetic captures in which three ads share
 * a number and two of them also share a photo and a text template, plus an unrelated ad; linking
 * run on them; then the list filtered, the network opened (members, evidence, graph, movement)
 * and one of its ads showing why it is linked.
 */

const importer: Actor = { id: null, name: 'e2e', roles: ['analyst'], channel: 'cli', ip: null };

const SHARED_NUMBER = '+31612345678';

/** One template, filled in per ad: the shape exploitation networks reuse across their ads. */
function templateText(name: string, age: number, place: string, phone: string): string {
  return (
    `Hoi lieverds, ik ben ${name}, ${age} jaar en net nieuw in ${place}! ` +
    'Ik ben een lieve, sensuele dame met een prachtig figuur en ik hou van verwennen. ' +
    'Kom langs voor een ontspannen en discrete ontmoeting in mijn privé appartement. ' +
    `Dag en nacht bereikbaar, bel of app ${phone}. Tot snel kusjes!`
  );
}

function capture(over: Record<string, unknown>): string {
  return JSON.stringify({
    source: 'testbron.test',
    captured_at: '2023-03-20T21:14:00+01:00',
    price: '150 p/u',
    images: [],
    ...over,
  });
}

const CAPTURES = [
  // A and B: the same number, the same photo and the same text template.
  capture({
    source_id: '3001',
    title: 'Sofia nieuw in Zwolle',
    name: 'Sofia',
    location: 'Zwolle',
    phone: '06-12345678',
    text: templateText('Sofia', 23, 'Zwolle', '06-12 34 56 78'),
    images: [{ file: 'img/shared.jpg' }],
  }),
  capture({
    source_id: '3002',
    captured_at: '2023-03-28T20:00:00+02:00',
    title: 'Anna nieuw in Enschede',
    name: 'Anna',
    location: 'Enschede',
    phone: '0612345678',
    text: templateText('Anna', 25, 'Enschede', '06 1234 5678'),
    images: [{ file: 'img/shared.jpg' }],
  }),
  // C: the same number only, another text, another unit (Amsterdam), a week later.
  capture({
    source_id: '3003',
    captured_at: '2023-04-04T19:30:00+02:00',
    title: 'Mila in Amsterdam',
    name: 'Mila',
    location: 'Amsterdam',
    phone: '+31 6 12345678',
    text: 'Mila hier. Alleen vandaag in Amsterdam, bel snel +31 6 12345678.',
  }),
  // D: nothing in common with the others.
  capture({
    source_id: '3004',
    title: 'Eva in Rotterdam',
    name: 'Eva',
    location: 'Rotterdam',
    phone: '0687654321',
    text: 'Eva, 30 jaar, ontvangt in Rotterdam-Zuid. Bel 06 87 65 43 21 voor een afspraak.',
  }),
];

/** A tiny JPEG with some structure (a gradient), as intake hashes it perceptually. */
async function writePhoto(path: string): Promise<void> {
  const { data, info } = await sharp({
    create: { width: 32, height: 24, channels: 3, background: { r: 120, g: 60, b: 200 } },
  })
    .raw()
    .toBuffer({ resolveWithObject: true });
  for (let i = 0; i < data.length; i += 3) data[i] = ((i / 3) % 32) * 8;
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, await sharp(data, { raw: info }).jpeg().toBuffer());
}

async function resultCount(page: Page): Promise<string> {
  const count = page.locator('.results-count');
  await count.waitFor();
  return (await count.innerText()).trim();
}

describe('web: the networks section', { skip: browserSkip }, () => {
  let t: TestStore;
  let app: App;
  let base: string;
  let browser: Browser;
  let dir: string;

  before(async () => {
    t = await BACKENDS[0]!.open();
    await seedDemo(t.store);
    dir = mkdtempSync(join(tmpdir(), 'schakel-e2e-networks-'));
    const imageDir = join(dir, 'images');
    await writePhoto(join(dir, 'in', 'img', 'shared.jpg'));
    writeFileSync(join(dir, 'in', 'captures.jsonl'), `${CAPTURES.join('\n')}\n`);
    const geo = loadGazetteer();
    const ctx = { store: t.store, now: () => new Date() };
    const report = await importAds(ctx, importer, {
      paths: [join(dir, 'in', 'captures.jsonl')],
      places: new PlaceResolver(geo),
      images: new ImageStore(imageDir),
    });
    assert.equal(report.added, 4, JSON.stringify(report.problems));
    const stats = await runLinking(ctx, importer, { geo });
    assert.equal(stats.networks, 1, JSON.stringify(stats));
    assert.equal(stats.adsInNetworks, 3, JSON.stringify(stats));

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

  it('filters networks, opens one with its evidence, graph and movement, and explains a link on the ad page', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await signIn(page, base, 'demo', DEMO_PASSWORD);

    await page.getByRole('navigation').getByRole('link', { name: 'Netwerken' }).click();
    await page.getByRole('heading', { level: 1, name: 'Netwerken' }).waitFor();
    assert.equal(await resultCount(page), '1 netwerk');
    const table = page.locator('.networks-table');
    const row = table.locator('tbody tr').first();
    // Three ads, in Oost-Nederland (Zwolle, Enschede) and Amsterdam.
    assert.match(await row.innerText(), /Oost-Nederland/);
    assert.match(await row.innerText(), /Amsterdam/);

    // Rotterdam: only the unrelated ad, which is in no network.
    await page.getByLabel('Politie-eenheid').selectOption({ label: 'Rotterdam' });
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.waitForURL(/[?&]unit=RT(&|$)/);
    await page.getByText('Geen netwerken gevonden die aan deze filters voldoen.').waitFor();

    // Amsterdam, spread over at least two units: the network.
    await page.getByLabel('Politie-eenheid').selectOption({ label: 'Amsterdam' });
    await page.getByLabel('Verspreid over').selectOption({ label: 'ten minste 2 eenheden' });
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.waitForURL(/[?&]minUnits=2(&|$)/);
    await page.getByText('1 netwerk', { exact: true }).waitFor();

    // A phone number as typed finds it too; the filters stay in the URL.
    await page.getByLabel('Netwerk, advertentie of telefoonnummer').fill('06 12 34 56 78');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.waitForURL(/[?&]q=06/);
    await page.getByText('1 netwerk', { exact: true }).waitFor();

    // The network.
    await table.locator('tbody th a').first().click();
    await page.getByRole('heading', { level: 1, name: /^Netwerk net-[0-9a-f]{32}$/ }).waitFor();

    // Members: the three linked ads, not the unrelated one.
    const members = page.locator('.members-table');
    await members.waitFor();
    assert.equal(await members.locator('tbody tr').count(), 3);
    for (const title of ['Sofia nieuw in Zwolle', 'Anna nieuw in Enschede', 'Mila in Amsterdam'])
      await members.getByRole('link', { name: title }).waitFor();
    assert.equal(await members.getByRole('link', { name: 'Eva in Rotterdam' }).count(), 0);

    // Evidence: the shared number links the three (as a chain: two edges), strong on its own.
    const evidence = page.locator('.evidence-table');
    const phoneRows = evidence.locator('tbody tr', { hasText: SHARED_NUMBER });
    assert.equal(await phoneRows.count(), 2);
    assert.match(await phoneRows.first().innerText(), /sterk/);
    // A and B also share the photo.
    assert.ok((await evidence.locator('tbody tr', { hasText: 'zelfde foto' }).count()) >= 1);

    // The graph: sigma's canvases, drawn at size.
    const graph = page.getByTestId('evidence-graph');
    await graph.locator('canvas').first().waitFor();
    const box = await graph.locator('canvas').first().boundingBox();
    assert.ok(box && box.width > 200 && box.height > 200, `graph canvas ${JSON.stringify(box)}`);
    assert.equal(await page.getByText('WebGL ontbreekt', { exact: false }).count(), 0);

    // Shared photos side by side: one copy under each of A and B.
    assert.equal(await page.locator('.photo-copies img').count(), 2);

    // Movement: three weeks, in Oost-Nederland and Amsterdam; the map draws.
    const movement = page.locator('.movement-table');
    assert.equal(await movement.locator('tbody tr').count(), 3);
    const head = await movement.locator('thead').innerText();
    assert.match(head, /Oost-Nederland/);
    assert.match(head, /Amsterdam/);
    assert.match(await movement.innerText(), /Zwolle \(1\)/);
    await page.getByTestId('movement-map').locator('canvas').first().waitFor();
    // Picking another week moves the selection (table and map together).
    await movement.getByRole('button', { name: /W12$/ }).click();
    await page.getByText(/Week 2023-W12 \(vanaf/).waitFor();

    // Phones used, with how many ads.
    await page
      .locator('.used-table')
      .getByRole('row', { name: new RegExp(`^\\${SHARED_NUMBER} 3$`) })
      .waitFor();

    // An ad of the network: why it is linked, in words.
    await members.getByRole('link', { name: 'Mila in Amsterdam' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mila in Amsterdam' }).waitFor();
    const panel = page.locator('.linked-because');
    await panel.getByRole('heading', { level: 2, name: 'Gelinkt omdat…' }).waitFor();
    await panel.locator('.link-item').first().waitFor();
    assert.match(await panel.innerText(), /zelfde nummer \+31612345678/);
    assert.match(
      await panel.innerText(),
      /Onderdeel van netwerk net-[0-9a-f]{32} \(3 advertenties\)/,
    );

    // English.
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Linked because…' }).waitFor();
    assert.match(await panel.innerText(), /same number \+31612345678/);
    await panel.getByRole('link', { name: /^net-/ }).click();
    await page.getByRole('heading', { level: 2, name: 'Evidence graph' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Movement' }).waitFor();

    if (process.env.SCHAKEL_SCREENSHOT)
      await page.screenshot({ path: process.env.SCHAKEL_SCREENSHOT, fullPage: true });
    assert.deepEqual(errors, []);
    await page.close();
  });
});
