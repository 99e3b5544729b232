import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { SYSTEM_ACTOR, type Actor, type Context } from '../../src/access/context.js';
import { loadGazetteer } from '../../src/geo/gazetteer.js';
import { exportAdsJsonl, type ExportedAd } from '../../src/intake/ads/export.js';
import { adId, importAds, type ImportReport } from '../../src/intake/ads/import.js';
import { PlaceResolver } from '../../src/intake/ads/places.js';
import { getAd, listAds } from '../../src/intake/ads/service.js';
import { ImageStore } from '../../src/intake/images/store.js';
import { ForbiddenError } from '../../src/model/errors.js';
import { BACKENDS, type TestStore } from '../helpers/stores.js';

/**
 * Ad intake end to end on both databases: files in, ads with their history, identifiers, photos
 * and provenance out; bad lines reported by file and line, re-runs without duplicates.
 */

const geo = loadGazetteer();
const places = new PlaceResolver(geo);
const analyst: Actor = { id: null, name: 'analist', roles: ['analyst'], channel: 'cli', ip: null };

function capture(over: Record<string, unknown>): string {
  return JSON.stringify({
    source: 'testbron.test',
    source_id: '1001',
    captured_at: '2023-03-20T21:14:00+01:00',
    title: 'Nieuw in Zwolle',
    text: 'Hoi, ik ben Sofia, 23 jaar. Bel 06-12 34 56 78. 150 p/u.',
    name: 'Sofia',
    location: 'Zwolle',
    price: '150 p/u',
    images: [{ file: 'img/sofia-1.jpg' }],
    ...over,
  });
}

/** A small synthetic photo with shapes (structure is what a perceptual hash sees). */
async function photo(path: string, shade: number): Promise<void> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="160" height="120">
    <rect width="160" height="120" fill="rgb(${shade},90,140)"/>
    <circle cx="50" cy="60" r="35" fill="rgb(250,220,${shade})"/>
    <rect x="100" y="10" width="45" height="95" fill="rgb(20,40,${255 - shade})"/></svg>`;
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, await sharp(Buffer.from(svg)).jpeg().toBuffer());
}

for (const backend of BACKENDS) {
  describe(`ad intake: ${backend.name}`, { skip: backend.skip }, () => {
    let t: TestStore;
    let ctx: Context;
    let dir: string;
    let images: ImageStore;
    let first: ImportReport;
    const run = (paths: string[], extra: Partial<Parameters<typeof importAds>[2]> = {}) =>
      importAds(ctx, analyst, { paths, places, images, ...extra });

    before(async () => {
      t = await backend.open();
      ctx = { store: t.store, now: () => new Date('2026-11-29T10:00:00Z') };
      dir = mkdtempSync(join(tmpdir(), 'schakel-intake-'));
      images = new ImageStore(join(dir, 'store'));
      await photo(join(dir, 'in', 'img', 'sofia-1.jpg'), 200);
      const lines = [
        capture({}),
        '{"source": "testbron.test", "source_id": broken',
        capture({ source_id: undefined, captured_at: '2023-03-21T10:00:00+01:00' }),
        // The same ad a week later in Den Haag, with a new price and a WhatsApp link.
        capture({
          captured_at: '2023-03-27T20:00:00+02:00',
          location: 'Den Haag',
          price: '€100 half uur',
          text: 'Hoi, ik ben Sofia, 23 jaar. Bel 06-12 34 56 78 of app wa.me/34612345678',
        }),
        capture({
          source_id: '1002',
          name: 'Luna',
          text: 'Luna, 25 jaar',
          images: [{ file: 'img/missing.jpg' }],
        }),
      ];
      const latin1 = Buffer.from(
        `${capture({ source_id: '1003', name: 'Ren\u00e9e', text: 'Ren\u00e9e, 31 jaar, Utrecht', images: [] })}`,
        'latin1',
      );
      const huge = capture({
        source_id: '1004',
        text: `Lange tekst ${'x'.repeat(10 * 1024 * 1024)} 0612345679`,
        images: [],
      });
      writeFileSync(
        join(dir, 'in', 'captures.jsonl'),
        Buffer.concat([Buffer.from(lines.join('\r\n') + '\n'), latin1, Buffer.from(`\n${huge}\n`)]),
      );
      first = await run([join(dir, 'in')]);
    });
    after(async () => {
      await t?.cleanup();
      rmSync(dir, { recursive: true, force: true });
    });

    it('imports every good line and names file, line and reason for each bad one', () => {
      assert.equal(first.records, 7);
      assert.equal(first.added, 5);
      assert.equal(first.rejected, 2);
      const errors = first.problems.filter((p) => p.severity === 'error');
      assert.deepEqual(
        errors.map((p) => [p.line, p.field]),
        [
          [2, null],
          [3, 'source_id'],
        ],
      );
      assert.match(errors[0]!.reason, /not valid JSON/);
      assert.match(errors[0]!.file, /captures\.jsonl$/);
      assert.match(errors[1]!.reason, /required field missing/);
    });

    it('reads a line that is not UTF-8 as Windows-1252 and says so', async () => {
      const warning = first.problems.find((p) => p.line === 6);
      assert.match(warning?.reason ?? '', /not UTF-8/);
      const ad = await getAd(ctx, analyst, geo, adId('testbron.test', '1003'));
      assert.equal(ad.name, 'Ren\u00e9e');
      assert.equal(ad.captureList[0]!.encoding, 'windows-1252');
    });

    it('survives a 10 MB line and still extracts from it', async () => {
      const ad = await getAd(ctx, analyst, geo, adId('testbron.test', '1004'));
      assert.deepEqual(
        ad.identifiers.filter((i) => i.kind === 'phone').map((i) => i.value),
        ['+31612345679'],
      );
    });

    it("keeps an ad's captures as its history, and its latest capture as its state", async () => {
      const ad = await getAd(ctx, analyst, geo, adId('testbron.test', '1001'));
      assert.equal(ad.captures, 2);
      assert.equal(ad.firstSeen, '2023-03-20T20:14:00.000Z');
      assert.equal(ad.lastSeen, '2023-03-27T18:00:00.000Z');
      assert.equal(ad.municipalityCode, 'GM0518');
      assert.equal(ad.policeUnit, 'DH');
      assert.equal(ad.priceEurPerHour, 200);
      assert.equal(ad.age, 23);
      assert.deepEqual(
        ad.captureList.map((c) => [
          c.line,
          c.extracted.place.status === 'resolved' ? c.extracted.place.municipalityCode : null,
        ]),
        [
          [1, 'GM0193'],
          [4, 'GM0518'],
        ],
      );
      assert.deepEqual(ad.captureList[1]!.changed.sort(), ['location', 'price', 'text']);
      // Numbers of every capture, each with when it was first and last shown.
      const phones = ad.identifiers.filter((i) => i.kind === 'phone');
      assert.deepEqual(
        phones.map((p) => [p.value, p.firstSeen, p.lastSeen]),
        [
          ['+31612345678', '2023-03-20T20:14:00.000Z', '2023-03-27T18:00:00.000Z'],
          ['+34612345678', '2023-03-27T18:00:00.000Z', '2023-03-27T18:00:00.000Z'],
        ],
      );
      // Where each value was read: the span points at the text as received.
      const c = ad.captureList[0]!;
      const span = c.extracted.phones[0]!.spans.find((s) => s.field === 'text')!;
      assert.equal(c.fields.text!.slice(span.start, span.end), '06-12 34 56 78');
    });

    it('stores photos once under their SHA-256 with a perceptual hash, and reports missing ones', async () => {
      const ad = await getAd(ctx, analyst, geo, adId('testbron.test', '1001'));
      const images0 = ad.captureList.map((c) => c.images[0]!);
      assert.equal(images0[0]!.status, 'stored');
      assert.equal(images0[0]!.sha256, images0[1]!.sha256);
      assert.match(images0[0]!.phash ?? '', /^[0-9a-f]{16}$/);
      assert.ok(images.has(images0[0]!.sha256!));
      assert.equal(first.images.stored, 1);
      assert.equal(first.images.missing, 1);
      const missing = first.problems.find((p) => p.field === 'images[0]');
      assert.equal(missing?.line, 5);
      assert.match(missing?.reason ?? '', /image file not found: img\/missing\.jpg/);
    });

    it('adds nothing when the same file is imported again', async () => {
      const again = await run([join(dir, 'in')]);
      assert.equal(again.added, 0);
      assert.equal(again.files[0]!.status, 'already imported');
      assert.equal(await t.store.ads.countCaptures(), 5);
    });

    it('completes an interrupted import on re-run without duplicates', async () => {
      // The first half of a file was imported before the process died; the whole file is re-run.
      const whole = [1, 2, 3, 4, 5, 6].map((i) =>
        capture({ source_id: `20${i}`, captured_at: `2023-03-2${i}T12:00:00+01:00`, images: [] }),
      );
      writeFileSync(join(dir, 'half.jsonl'), whole.slice(0, 3).join('\n'));
      writeFileSync(join(dir, 'whole.jsonl'), whole.join('\n'));
      assert.equal((await run([join(dir, 'half.jsonl')])).added, 3);
      const rerun = await run([join(dir, 'whole.jsonl')]);
      assert.equal(rerun.added, 3);
      assert.equal(rerun.duplicates, 3);
      assert.equal(await t.store.ads.countCaptures(), 11);
      // A copy of a file under another name is the same captures.
      copyFileSync(join(dir, 'whole.jsonl'), join(dir, 'copy.jsonl'));
      assert.equal((await run([join(dir, 'copy.jsonl')])).added, 0);
    });

    it('reads CSV through a column mapping, with the line of each bad row', async () => {
      const csv = [
        'Advertentie;Tijd;Tekst;Plaats;WhatsApp',
        '7001;2023-03-22T10:00:00+01:00;"Anna, 27 jaar;\nbel 0687654321";Rotterdam-Zuid;wa.me/31687654321',
        '7002;gisteren;Maria;Utrecht;',
      ].join('\n');
      writeFileSync(join(dir, 'export.csv'), csv);
      const report = await run([join(dir, 'export.csv')], {
        csvMapping: {
          delimiter: ';',
          constants: { source: 'csvbron.test' },
          columns: {
            source_id: 'Advertentie',
            captured_at: 'Tijd',
            text: 'Tekst',
            location: 'Plaats',
            'contact.whatsapp': 'WhatsApp',
          },
        },
      });
      assert.equal(report.added, 1);
      assert.deepEqual(
        report.problems.filter((p) => p.severity === 'error').map((p) => [p.line, p.field]),
        [[4, 'captured_at']],
      );
      const ad = await getAd(ctx, analyst, geo, adId('csvbron.test', '7001'));
      assert.equal(ad.municipalityCode, 'GM0599');
      assert.equal(ad.age, 27);
      assert.deepEqual(
        ad.identifiers.map((i) => `${i.kind}:${i.value}`),
        ['phone:+31687654321', 'whatsapp:+31687654321'],
      );
    });

    it('reads a saved HTML page through a site profile', async () => {
      writeFileSync(
        join(dir, 'page.html'),
        `<!DOCTYPE html><html><head><link rel="canonical" href="https://profielsite.test/ad/9001">
         <meta name="captured" content="2023-03-23T18:30:00+01:00"></head><body>
         <article data-id="9001"><h1>Bella &amp; nieuw</h1><div class="body">Bella, 22 jaar<br>Bel O6 l2 34 56 78</div>
         <span class="city">Eindhoven</span><img class="photo" src="img/sofia-1.jpg"></article></body></html>`,
      );
      mkdirSync(join(dir, 'img'), { recursive: true });
      copyFileSync(join(dir, 'in', 'img', 'sofia-1.jpg'), join(dir, 'img', 'sofia-1.jpg'));
      const report = await run([join(dir, 'page.html')], {
        profiles: [
          {
            source: 'profielsite.test',
            match: 'profielsite\\.test/',
            fields: {
              source_id: { selector: 'article', attr: 'data-id' },
              captured_at: { selector: 'meta[name=captured]', attr: 'content' },
              title: 'h1',
              text: '.body',
              location: '.city',
            },
            images: { selector: 'img.photo' },
          },
        ],
      });
      assert.equal(report.added, 1, JSON.stringify(report.problems));
      const ad = await getAd(ctx, analyst, geo, adId('profielsite.test', '9001'));
      assert.equal(ad.title, 'Bella & nieuw');
      assert.equal(ad.url, 'https://profielsite.test/ad/9001');
      assert.equal(ad.municipalityCode, 'GM0772');
      assert.deepEqual(
        ad.identifiers.map((i) => i.value),
        ['+31612345678'],
      );
      // The same photo as Sofia's, so the store did not grow.
      assert.equal(report.images.known, 1);
    });

    it('lists with filters: police unit, phone as typed, words, source', async () => {
      const ids = async (f: Parameters<typeof listAds>[3]) =>
        (await listAds(ctx, analyst, geo, f, { limit: 50, offset: 0 })).items
          .map((a) => a.sourceId)
          .sort();
      assert.deepEqual(await ids({ policeUnit: 'DH' }), ['1001']);
      assert.deepEqual(await ids({ phoneText: '+34 612 345 678' }), ['1001']);
      assert.deepEqual(await ids({ phoneText: '06 87654321' }), ['7001']);
      assert.deepEqual(await ids({ q: 'rene' }), ['1003']);
      assert.deepEqual(await ids({ q: 'luna jaar' }), ['1002']);
      assert.deepEqual(await ids({ source: 'csvbron.test' }), ['7001']);
      await assert.rejects(
        listAds(ctx, { ...SYSTEM_ACTOR, roles: ['auditor'] }, geo, {}, { limit: 1, offset: 0 }),
        ForbiddenError,
      );
    });

    it('exports one line per ad with its current state and all its numbers', async () => {
      const chunks: string[] = [];
      const out = new Writable({
        write(chunk: Buffer, _enc, done) {
          chunks.push(chunk.toString());
          done();
        },
      });
      const n = await exportAdsJsonl(ctx, analyst, geo, out);
      const ads = chunks
        .join('')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as ExportedAd);
      assert.equal(n, ads.length);
      assert.equal(n, await t.store.ads.count());
      const sofia = ads.find((a) => a.source_id === '1001')!;
      assert.deepEqual(
        {
          phones: sofia.phones,
          captures: sofia.captures,
          municipality: sofia.municipality,
          police_unit: sofia.police_unit,
          price: sofia.price_eur_per_hour,
          images: sofia.images.length,
        },
        {
          phones: ['+31612345678', '+34612345678'],
          captures: 2,
          municipality: "'s-Gravenhage",
          police_unit: 'Den Haag',
          price: 200,
          images: 1,
        },
      );
      assert.match(sofia.images[0]!.phash ?? '', /^[0-9a-f]{16}$/);
    });

    it('audits every import, listing and export', async () => {
      const actions = (await t.store.auditLog.list({ limit: 100 })).map((e) => e.action);
      for (const a of ['ads.import', 'ads.list', 'ads.view', 'ads.export'])
        assert.ok(actions.includes(a), a);
    });
  });
}

describe('photos', () => {
  it('hash the same picture nearly the same after resizing and brightening', async () => {
    const { examineImage } = await import('../../src/intake/images/store.js');
    const { hammingDistance } = await import('../../src/intake/images/phash.js');
    const dir = mkdtempSync(join(tmpdir(), 'schakel-phash-'));
    try {
      await photo(join(dir, 'a.jpg'), 200);
      const original = readFileSync(join(dir, 'a.jpg'));
      const resized = await sharp(original)
        .resize(100, 75)
        .modulate({ brightness: 1.2 })
        .jpeg({ quality: 60 })
        .toBuffer();
      const other = await sharp(
        Buffer.from(
          '<svg xmlns="http://www.w3.org/2000/svg" width="160" height="120"><rect width="160" height="120" fill="white"/><circle cx="120" cy="30" r="25" fill="black"/><rect x="10" y="70" width="70" height="40" fill="gray"/></svg>',
        ),
      )
        .jpeg()
        .toBuffer();
      const [a, b, c] = await Promise.all([original, resized, other].map(examineImage));
      assert.ok(
        hammingDistance(a!.phash, b!.phash) <= 6,
        `resized: ${hammingDistance(a!.phash, b!.phash)}`,
      );
      assert.ok(
        hammingDistance(a!.phash, c!.phash) > 16,
        `different: ${hammingDistance(a!.phash, c!.phash)}`,
      );
      await assert.rejects(examineImage(Buffer.from('not a photo')));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
