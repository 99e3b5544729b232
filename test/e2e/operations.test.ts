import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import type { Actor } from '../../src/access/context.js';
import { runAssessment } from '../../src/assess/job.js';
import { DEMO_PASSWORD, seedDemo } from '../../src/cli/demo.js';
import { WEB_ROOT } from '../../src/cli/serve.js';
import { loadGazetteer } from '../../src/geo/gazetteer.js';
import { importAds } from '../../src/intake/ads/import.js';
import { PlaceResolver } from '../../src/intake/ads/places.js';
import { runLinking } from '../../src/link/job.js';
import { buildServer, type App } from '../../src/server/app.js';
import { browserSkip, launchBrowser, signIn } from '../helpers/browser.js';
import { BACKENDS, type TestStore } from '../helpers/stores.js';

/**
 * An operation in a real browser (the acceptance test of the operations issue): the lead opens an
 * action day for Amsterdam and Rotterdam, assigns three ads from the triage queue to the two
 * units, records a control on a phone-sized screen (a half-filled draft kept over a reload, then
 * two persons, three signals, a declined referral and two seized phones), sees a birth year in the
 * future and an evidence number used twice refused at their fields, and finds the control on the
 * board and in the summary. An officer of another unit, not a participant, sees none of it.
 */

const importer: Actor = { id: null, name: 'e2e', roles: ['analyst'], channel: 'cli', ip: null };

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
  capture({
    source_id: '7001',
    title: 'Valentina in Amsterdam',
    name: 'Valentina',
    location: 'Amsterdam',
    phone: '+34 612 345 678',
    text: 'Hola, soy Valentina, colombiana, 23 años. Disponible 24/7. Llama al +34 612 345 678.',
  }),
  capture({
    source_id: '7002',
    title: 'Noor in Amsterdam',
    name: 'Noor',
    location: 'Amsterdam',
    phone: '0611223344',
    text: 'Noor, latina, 29 jaar, ontvangt in Amsterdam. 24/7 bereikbaar. Alleen WhatsApp: 06 11 22 33 44.',
  }),
  capture({
    source_id: '7003',
    title: 'Eva in Rotterdam',
    name: 'Eva',
    location: 'Rotterdam',
    phone: '0687654321',
    text: 'Eva, 34 jaar, ontvangt in Rotterdam-Zuid. Bel 06 87 65 43 21 voor een afspraak.',
  }),
];

const OPERATION = 'Actiedag Zonnebloem';

/** The board's section of one unit. */
function unitBoard(page: Page, unit: string): Locator {
  return page.locator(`section.unit-board[data-unit="${unit}"]`);
}

/** Assigns the ads with these titles from the assign panel to a unit. */
async function assign(page: Page, titles: string[], unit: string, unitName: string) {
  for (const title of titles) await page.getByRole('checkbox', { name: title }).check();
  await page.getByLabel('Eenheid').selectOption(unit);
  await page.getByRole('button', { name: 'Toewijzen' }).click();
  await page.getByText(`${titles.length} toegewezen aan ${unitName}.`).waitFor();
}

describe('web: operations', { skip: browserSkip }, () => {
  let t: TestStore;
  let app: App;
  let base: string;
  let browser: Browser;
  let dir: string;

  before(async () => {
    t = await BACKENDS[0]!.open();
    await seedDemo(t.store);
    dir = mkdtempSync(join(tmpdir(), 'schakel-e2e-operations-'));
    mkdirSync(join(dir, 'in'), { recursive: true });
    writeFileSync(join(dir, 'in', 'captures.jsonl'), `${CAPTURES.join('\n')}\n`);
    const geo = loadGazetteer();
    const ctx = { store: t.store, now: () => new Date() };
    const report = await importAds(ctx, importer, {
      paths: [join(dir, 'in', 'captures.jsonl')],
      places: new PlaceResolver(geo),
      images: null,
    });
    assert.equal(report.added, 3, JSON.stringify(report.problems));
    await runLinking(ctx, importer, { geo });
    const assessed = await runAssessment(ctx, importer);
    assert.equal(assessed.ads, 3, JSON.stringify(assessed));

    app = await buildServer({ store: t.store, webRoot: WEB_ROOT });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    await t?.cleanup();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('opens an operation, assigns ads, records a control and sums it up; others see nothing', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await signIn(page, base, 'demo', DEMO_PASSWORD);
    await page.getByRole('navigation').getByRole('link', { name: 'Operaties' }).click();
    await page.getByRole('heading', { level: 1, name: 'Operaties' }).waitFor();
    await page.getByTestId('operations-empty').waitFor();

    // A new operation; without units it is refused at the unit checkboxes.
    await page.getByLabel('Naam').fill(OPERATION);
    await page.getByLabel('Leiding').fill('Inspecteur De Vries');
    await page.getByLabel('Begindatum').fill('2023-04-04');
    await page.getByLabel('Einddatum').fill('2023-04-05');
    await page
      .getByLabel('Wettelijke grondslag')
      .fill('Art. 151c Gemeentewet; toezicht prostitutie');
    await page.getByLabel('Doel').fill('Controle op signalen van uitbuiting');
    await page.getByRole('button', { name: 'Operatie aanmaken' }).click();
    await page.locator('.field-error[data-field="units"]').waitFor();
    await page.getByRole('checkbox', { name: 'Amsterdam' }).check();
    await page.getByRole('checkbox', { name: 'Rotterdam' }).check();
    await page.getByRole('button', { name: 'Operatie aanmaken' }).click();
    await page.waitForURL(/\/operations\/op-[^/]+$/);
    const boardUrl = page.url();
    const operationId = boardUrl.split('/').pop()!;
    await page.getByRole('heading', { level: 1, name: OPERATION }).waitFor();

    // Three ads from the queue: two to Amsterdam, one to Rotterdam.
    await assign(page, ['Valentina in Amsterdam', 'Noor in Amsterdam'], 'AM', 'Amsterdam');
    await assign(page, ['Eva in Rotterdam'], 'RT', 'Rotterdam');
    await unitBoard(page, 'AM').locator('.assignments-table tbody tr').nth(1).waitFor();
    assert.equal(await unitBoard(page, 'AM').locator('.assignments-table tbody tr').count(), 2);
    assert.equal(await unitBoard(page, 'RT').locator('.assignments-table tbody tr').count(), 1);

    // The lead moves an assignment on; it is saved.
    const valentina = unitBoard(page, 'AM').locator('.assignments-table tbody tr', {
      hasText: 'Valentina in Amsterdam',
    });
    const saved = page.waitForResponse(
      (r) => r.url().endsWith('/assignments') && r.request().method() === 'POST',
    );
    await valentina.getByLabel('Status van Valentina in Amsterdam').selectOption('appointment');
    assert.equal((await saved).status(), 200);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: OPERATION }).waitFor();
    assert.equal(
      await valentina.getByLabel('Status van Valentina in Amsterdam').inputValue(),
      'appointment',
    );

    // The control form, on a phone-sized screen.
    await valentina.getByRole('link', { name: 'Controle vastleggen' }).click();
    await page.waitForURL(/\/controls\/new\?assignment=asg-[^&]+&unit=AM$/);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('heading', { level: 1, name: 'Controle vastleggen' }).waitFor();
    assert.equal(await page.getByLabel('Eenheid').inputValue(), 'AM');

    // Half filled in, kept as a draft, and still there after a reload.
    await page.getByLabel('Plaats').fill('Amsterdam, Hotel De Brug kamer 12');
    await page.getByLabel('Tijdstip', { exact: true }).fill('2023-04-04T14:30');
    await page.getByRole('button', { name: 'Persoon toevoegen' }).click();
    const p1 = page.getByRole('group', { name: 'Persoon p1', exact: true });
    await p1.getByLabel('Rol').selectOption('possible_victim');
    await p1.getByLabel(/Nationaliteit/).fill('CO');
    await page.getByRole('button', { name: 'Concept opslaan' }).click();
    await page.getByText('Concept opgeslagen').waitFor();
    await page.waitForURL(/\/controls\/ctl-[^/?]+$/);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Controle (concept)' }).waitFor();
    assert.equal(await page.getByLabel('Plaats').inputValue(), 'Amsterdam, Hotel De Brug kamer 12');
    assert.equal(
      await page.getByLabel('Tijdstip', { exact: true }).inputValue(),
      '2023-04-04T14:30',
    );
    assert.equal(await p1.getByLabel('Rol').inputValue(), 'possible_victim');
    assert.equal(await p1.getByLabel(/Nationaliteit/).inputValue(), 'CO');

    // Completed: two persons, three signals, a declined referral, two phones.
    const nextYear = new Date().getFullYear() + 1;
    await page.getByLabel(/Agenten/).fill('Agent Bakker, Agent Yilmaz');
    await p1.getByLabel('Geboortejaar').fill('1999');
    await p1.getByLabel(/Talen/).fill('es');
    await p1.getByLabel(/Route/).fill('CO, ES, NL');
    await p1.getByLabel('Documenten in bezit van').selectOption('other');
    await page.getByRole('button', { name: 'Persoon toevoegen' }).click();
    const p2 = page.getByRole('group', { name: 'Persoon p2', exact: true });
    await p2.getByLabel('Rol').selectOption('sex_worker');
    await p2.getByLabel(/Nationaliteit/).fill('VE');
    await p2.getByLabel('Geboortejaar').fill(String(nextYear));
    const s1 = page.getByRole('group', { name: 'Signalen bij p1' });
    await s1.getByRole('checkbox', { name: 'Documenten bij een ander' }).check();
    await s1.getByRole('checkbox', { name: 'Angst' }).check();
    await s1.getByLabel('Korte toelichting: Angst').fill('keek steeds naar de deur');
    const s2 = page.getByRole('group', { name: 'Signalen bij p2' });
    await s2.getByRole('checkbox', { name: 'Schuld' }).check();
    await page.getByLabel('Persoon', { exact: true }).selectOption('p1');
    await page.getByRole('checkbox', { name: 'Hulp aangeboden' }).check();
    await page.getByLabel('Uitkomst').selectOption('declined');
    await page.getByLabel(/Naar \(organisatie\)/).fill('CoMensha');
    for (const [n, from] of [
      [1, 'p1'],
      [2, 'p2'],
    ] as const) {
      await page.getByRole('button', { name: 'Voorwerp toevoegen' }).click();
      const item = page.getByRole('group', { name: `Voorwerp ${n}` });
      assert.equal(await item.getByLabel('Soort').inputValue(), 'phone');
      // The second phone gets the first one's number: refused below.
      await item.getByLabel('Bewijsnummer').fill('OPS-2023-0001');
      await item.getByLabel('Zegelnummer').fill(`Z-${n}`);
      assert.equal(await item.getByLabel('In beslag genomen door').inputValue(), 'Agent Bakker');
      await item.getByLabel('Van persoon').selectOption(from);
    }

    // Refused at the fields: the birth year in the future, the evidence number used twice.
    await page.getByRole('button', { name: 'Indienen' }).click();
    const problems = page.getByTestId('control-problems');
    await problems.waitFor();
    assert.match(await problems.innerText(), /2 fout/);
    const birthYear = p2.getByLabel('Geboortejaar');
    assert.equal(await birthYear.getAttribute('aria-invalid'), 'true');
    assert.match(
      await p2.locator('.field-error[data-field="persons[1].birthYear"]').innerText(),
      new RegExp(`${nextYear} lies in the future`),
    );
    const item2 = page.getByRole('group', { name: 'Voorwerp 2' });
    assert.equal(await item2.getByLabel('Bewijsnummer').getAttribute('aria-invalid'), 'true');
    assert.match(
      await item2.locator('.field-error[data-field="seizures[1].evidenceNumber"]').innerText(),
      /used twice/,
    );
    // Nothing was lost.
    assert.equal(await p1.getByLabel(/Nationaliteit/).inputValue(), 'CO');
    assert.ok(await s1.getByRole('checkbox', { name: 'Angst' }).isChecked());

    await birthYear.fill('1995');
    await item2.getByLabel('Bewijsnummer').fill('OPS-2023-0002');
    await page.getByRole('button', { name: 'Indienen' }).click();
    await page.waitForURL(boardUrl);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole('heading', { level: 1, name: OPERATION }).waitFor();

    // On the board: the control, final, with 2 persons, 3 signals, 2 items.
    const control = unitBoard(page, 'AM').locator('.controls-table tbody tr[data-status="final"]');
    await control.waitFor();
    assert.equal(await control.locator('td.persons').innerText(), '2');
    assert.equal(await control.locator('td.signals').innerText(), '3');
    assert.equal(await control.locator('td.items').innerText(), '2');
    assert.match(await control.innerText(), /Ingediend/);

    // The summary: per unit, nationalities, signals, the declined referral, two phones.
    const perUnit = async (unit: string) =>
      (await page.locator(`.summary-units tr[data-unit="${unit}"] td`).allInnerTexts()).map((s) =>
        s.trim(),
      );
    await page.locator('.summary-units').waitFor();
    assert.deepEqual(await perUnit('AM'), ['2', '1', '2', '2']);
    assert.deepEqual(await perUnit('RT'), ['1', '0', '0', '0']);
    const count = async (block: string, code: string) =>
      (await page.getByTestId(block).locator(`[data-code="${code}"]`).innerText()).replace(
        /\s+/g,
        ' ',
      );
    assert.equal(await count('summary-nationalities', 'CO'), 'Colombia 1');
    assert.equal(await count('summary-nationalities', 'VE'), 'Venezuela 1');
    assert.equal(
      await count('summary-signals', 'documents_held_by_other'),
      'Documenten bij een ander 1',
    );
    assert.equal(await count('summary-signals', 'fear'), 'Angst 1');
    assert.equal(await count('summary-signals', 'debt'), 'Schuld 1');
    assert.equal(await count('summary-referrals', 'declined'), 'Geweigerd 1');
    assert.equal(await count('summary-items', 'phone'), 'Telefoon 2');
    assert.equal(await count('summary-roles', 'possible_victim'), 'Mogelijk slachtoffer 1');

    // The contact log: when which number was contacted and what was agreed.
    await page.getByLabel('Tijdstip', { exact: true }).fill('2023-04-04T10:15');
    await page.getByLabel('Nummer', { exact: true }).fill('+34 612 345 678');
    await page.getByLabel('Afgesproken (kort)').fill('afspraak 14:30');
    await page.getByRole('button', { name: 'Contact vastleggen' }).click();
    await page.getByText('Contact vastgelegd.').waitFor();
    await page.getByTestId('last-contact').first().waitFor();
    assert.match(await page.getByTestId('last-contact').first().innerText(), /afspraak 14:30/);

    // The follow-up: the two phones seized, not extracted yet, with their seals.
    const items = page.getByTestId('followup-items');
    assert.match(
      await items.innerText(),
      /OPS-2023-0001 · Telefoon · zegel Z-1 · nog niet geëxtraheerd/,
    );
    assert.equal(await items.locator('li').count(), 2);
    assert.match(await page.getByTestId('follow-up').innerText(), /Nog open: 2 toewijzingen/);
    assert.deepEqual(errors, []);
    await page.close();

    // An officer of Rotterdam who does not take part: no operations, and this one is not found.
    const agent = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await signIn(agent, base, 'demo-agent', DEMO_PASSWORD);
    await agent.getByRole('navigation').getByRole('link', { name: 'Operaties' }).click();
    await agent.getByTestId('operations-empty').waitFor();
    await agent.goto(`${base}/operations/${operationId}`);
    await agent.getByRole('heading', { level: 1, name: 'Operatie niet gevonden' }).waitFor();
    assert.equal(await agent.getByText(OPERATION).count(), 0);
    await agent.close();
  });
});
