import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import type { Actor } from '../../src/access/context.js';
import { createInvestigation } from '../../src/access/investigations.js';
import { DEMO_PASSWORD, seedDemo } from '../../src/cli/demo.js';
import { WEB_ROOT } from '../../src/cli/serve.js';
import { loadGazetteer } from '../../src/geo/gazetteer.js';
import { importAds } from '../../src/intake/ads/import.js';
import { PlaceResolver } from '../../src/intake/ads/places.js';
import { importDevice } from '../../src/intake/devices/import.js';
import { deviceContacts, deviceChats, deviceMessages } from '../../src/intake/devices/service.js';
import { generateWorld } from '../../src/scenario/generate.js';
import { buildServer, type App } from '../../src/server/app.js';
import { browserSkip, launchBrowser, signIn } from '../helpers/browser.js';
import { BACKENDS, type TestStore } from '../helpers/stores.js';

/**
 * Devices in a real browser: an Android phone of the synthetic world imported into an
 * investigation; the list, the device page with its counts and custody (a step added through the
 * form), a chat read as a thread, a contact whose number ads also show (marked, linking to the
 * ads), a word found by the message search; and a user outside the investigation sees nothing.
 */

interface TruthDevice {
  id: string;
  evidenceNumber: string;
  format: string;
  counts: Record<string, number>;
}

describe('web: devices', { skip: browserSkip }, () => {
  let t: TestStore;
  let app: App;
  let base: string;
  let browser: Browser;
  let world: string;
  let device: TruthDevice;
  let adNumber: string;
  let chatTitle: string;
  let word: string;

  before(async () => {
    t = await BACKENDS[0]!.open();
    await seedDemo(t.store);
    const ctx = { store: t.store, now: () => new Date() };
    const demo = (await t.store.users.byUsername('demo'))!;
    const actor: Actor = { id: demo.id, name: 'demo', roles: demo.roles, channel: 'cli', ip: null };
    world = mkdtempSync(join(tmpdir(), 'schakel-e2e-devices-'));
    await generateWorld({ seed: 5, size: 'small', out: world, images: false, devices: 6 });
    const devices = (
      JSON.parse(readFileSync(join(world, 'truth.json'), 'utf8')) as { devices: TruthDevice[] }
    ).devices;
    device = devices.find((d) => d.format === 'android-fs' && d.counts.messages! >= 5)!;
    const investigation = await createInvestigation(ctx, actor, {
      name: 'Actiedag e2e',
      purpose: 'mensenhandel',
      legalBasis: 'art. 273f Sr',
    });
    await importDevice(ctx, actor, {
      path: join(world, 'devices', device.id),
      item: device.evidenceNumber,
      investigation: investigation.id,
    });
    // One of its contacts' numbers also stands in an ad.
    const { contacts } = await deviceContacts(ctx, actor, device.evidenceNumber);
    adNumber = contacts.flatMap((c) => c.phones).find((p) => p.e164)!.e164!;
    writeFileSync(
      join(world, 'ad.jsonl'),
      `${JSON.stringify({
        source: 'testbron.test',
        source_id: '7001',
        captured_at: '2023-03-20T21:14:00+01:00',
        title: 'Sofia in Utrecht',
        text: `Bel ${adNumber}.`,
        phone: adNumber,
        location: 'Utrecht',
        images: [],
      })}\n`,
    );
    await importAds(ctx, actor, {
      paths: [join(world, 'ad.jsonl')],
      places: new PlaceResolver(loadGazetteer()),
      images: null,
    });
    const { chats } = await deviceChats(ctx, actor, device.evidenceNumber);
    const busiest = [...chats].sort((a, b) => b.messages - a.messages)[0]!;
    chatTitle =
      busiest.subject ?? busiest.participants.map((p) => p.name ?? p.e164 ?? p.raw).join(', ');
    const { messages } = await deviceMessages(ctx, actor, device.evidenceNumber, {
      app: busiest.app,
      chat: busiest.key,
    });
    word = messages
      .map((m) => m.text ?? '')
      .join(' ')
      .split(/[^\p{L}]+/u)
      .find((w) => w.length >= 6)!;

    app = await buildServer({
      store: t.store,
      webRoot: WEB_ROOT,
      uploadDir: join(world, 'uploads'),
    });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    await t?.cleanup();
    if (world) rmSync(world, { recursive: true, force: true });
  });

  it('lists the device, shows counts and custody, threads, numbers in ads and search', async () => {
    const page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, base, 'demo', DEMO_PASSWORD);
    await page.getByRole('navigation').getByRole('link', { name: 'Apparaten' }).click();
    await page.getByRole('heading', { level: 1, name: 'Apparaten' }).waitFor();
    const row = page.locator(`.devices-table tr[data-item="${device.evidenceNumber}"]`);
    await row.waitFor();
    assert.match(await row.innerText(), /Android \(bestandssysteem\)/);

    await row.getByRole('link', { name: device.evidenceNumber }).click();
    await page
      .getByRole('heading', { level: 1, name: `Apparaat ${device.evidenceNumber}` })
      .waitFor();
    const counts = page.getByTestId('device-counts');
    assert.equal(
      await counts.locator('[data-count="messages"]').innerText(),
      String(device.counts.messages),
    );
    assert.equal(
      await counts.locator('[data-count="contacts"]').innerText(),
      String(device.counts.contacts),
    );
    // Custody: the import, then a step added through the form.
    const custody = page.getByTestId('custody');
    await custody.locator('li[data-event="imported"]').waitFor();
    await page.getByLabel('Stap toevoegen').selectOption('examined');
    await page.getByLabel('Toelichting (zegelnummer, tool, plaats)').fill('chats doorgenomen');
    await page.getByRole('button', { name: 'Vastleggen' }).click();
    await custody.locator('li[data-event="examined"]').waitFor();
    assert.match(await custody.innerText(), /Onderzocht.*chats doorgenomen/);

    // A chat as a thread.
    await page.getByRole('tab', { name: 'Chats' }).click();
    await page.locator('.thread-list button', { hasText: chatTitle }).first().click();
    await page.getByTestId('message').first().waitFor();
    assert.ok((await page.getByTestId('message').count()) >= 1);
    assert.match(await page.locator('.messages').innerText(), new RegExp(word));

    // The contact whose number ads show is marked, and the mark leads to those ads.
    await page.getByRole('tab', { name: 'Contacten' }).click();
    const marked = page
      .locator('[data-testid="contact"]', { hasText: adNumber })
      .getByTestId('in-ads');
    await marked.first().waitFor();
    assert.match(await marked.first().innerText(), /in 1 advertenties/);
    await marked.first().click();
    await page.waitForURL(/\/ads\?phone=/);
    await page.getByText('Sofia in Utrecht').waitFor();

    // Search over the messages of the investigation's devices.
    await page.goto(`${base}/devices`);
    await page.getByLabel('Zoeken in berichten').fill(word);
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.getByTestId('search-hit').first().waitFor();
    assert.match(await page.getByTestId('search-hit').first().innerText(), new RegExp(word, 'i'));
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('shows nothing of it to a user outside the investigation', async () => {
    const page = await browser.newPage();
    await signIn(page, base, 'demo-forensisch', DEMO_PASSWORD);
    await page.getByRole('navigation').getByRole('link', { name: 'Apparaten' }).click();
    await page.getByText('Nog geen apparaten in uw onderzoeken.', { exact: false }).waitFor();
    await page.goto(`${base}/devices/${encodeURIComponent(device.evidenceNumber)}`);
    await page.locator('.notice, [role="alert"]').first().waitFor();
    assert.equal(await page.getByTestId('device-counts').count(), 0);
    await page.close();
  });
});
