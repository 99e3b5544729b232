import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { loadGazetteer } from '../../src/geo/gazetteer.js';
import { generateWorld, type GenerateSummary } from '../../src/scenario/generate.js';
import {
  summarise,
  type AssignmentRecord,
  type ControlRecord,
  type SeizureRecord,
} from '../../src/scenario/operations.js';

interface TruthAd {
  source: string;
  sourceId: string;
  advertiserId: string;
  kind: string;
  exploitative: boolean;
  images: { file: string; photoId: string }[];
  captures: {
    capturedAt: string;
    municipalityCode: string;
    phones: string[];
    age: number;
    indicators: string[];
  }[];
}
interface Truth {
  generator: { seed: number };
  summary: { captures: number; ads: number };
  advertisers: {
    id: string;
    kind: string;
    persons: { id: string; role: string }[];
    circuit: string[];
  }[];
  ads: TruthAd[];
  devices: {
    id: string;
    files: string[];
    counts: Record<string, number>;
    ownerId: string;
    evidenceNumber: string;
  }[];
  operations: { summary: ReturnType<typeof summarise>; seizedPhones: { evidenceNumber: string }[] };
}

function hashTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else
        out.set(relative(dir, path), createHash('sha256').update(readFileSync(path)).digest('hex'));
    }
  };
  walk(dir);
  return out;
}

const readJsonl = <T>(path: string): T[] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as T);

describe('the synthetic world', () => {
  let dir: string;
  let world: string;
  let summary: GenerateSummary;
  let truth: Truth;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'schakel-world-'));
    world = join(dir, 'a');
    summary = await generateWorld({ seed: 42, size: 'small', out: world });
    truth = JSON.parse(readFileSync(join(world, 'truth.json'), 'utf8')) as Truth;
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('is the same bytes for the same seed, and another world for another seed', async () => {
    const again = join(dir, 'b');
    await generateWorld({ seed: 42, size: 'small', out: again });
    const first = hashTree(world);
    assert.deepEqual(hashTree(again), first);
    assert.ok(first.size > 50, `${first.size} files`);
    const other = join(dir, 'c');
    await generateWorld({ seed: 43, size: 'small', out: other, images: false, devices: 0 });
    assert.notEqual(
      hashTree(other).get('ads/rodelampjes.test.jsonl'),
      first.get('ads/rodelampjes.test.jsonl'),
    );
  });

  it('writes captures in the capture format, each with its truth', () => {
    const gazetteer = loadGazetteer();
    const truthByKey = new Map<string, TruthAd['captures'][number]>();
    for (const ad of truth.ads)
      for (const c of ad.captures) truthByKey.set(`${ad.source}|${ad.sourceId}|${c.capturedAt}`, c);
    let lines = 0;
    for (const file of readdirSync(join(world, 'ads')).filter((f) => f.endsWith('.jsonl'))) {
      for (const capture of readJsonl<Record<string, unknown>>(join(world, 'ads', file))) {
        lines++;
        for (const field of ['source', 'source_id', 'captured_at', 'text'])
          assert.equal(typeof capture[field], 'string', `${file}: ${field}`);
        assert.match(capture.captured_at as string, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0[12]:00$/);
        const t = truthByKey.get(`${capture.source}|${capture.source_id}|${capture.captured_at}`);
        assert.ok(t, `no truth for ${capture.source} ${capture.source_id} ${capture.captured_at}`);
        assert.ok(gazetteer.byCode.has(t.municipalityCode), t.municipalityCode);
        for (const p of t.phones) assert.equal(parsePhoneNumberFromString(p)?.isValid(), true, p);
        for (const im of capture.images as { file: string }[])
          assert.ok(existsSync(join(world, 'ads', im.file)), im.file);
      }
    }
    assert.equal(lines, summary.captures);
    assert.equal(truth.summary.captures, summary.captures);
  });

  it('writes exactly the number of captures asked for', async () => {
    const out = join(dir, 'n');
    const s = await generateWorld({ seed: 5, captures: 777, out, images: false, devices: 0 });
    const lines = readdirSync(join(out, 'ads'))
      .filter((f) => f.endsWith('.jsonl'))
      .reduce((n, f) => n + readJsonl(join(out, 'ads', f)).length, 0);
    assert.equal(s.captures, 777);
    assert.equal(lines, 777);
  });

  it('shows indicators in the documented directions, none decisive alone', async () => {
    const out = join(dir, 'rates');
    await generateWorld({ seed: 11, size: 'demo', out, images: false, devices: 0 });
    const big = JSON.parse(readFileSync(join(out, 'truth.json'), 'utf8')) as Truth;
    const rate = (kind: string, indicator: string) => {
      const caps = big.ads.filter((a) => a.kind === kind).flatMap((a) => a.captures);
      return caps.filter((c) => c.indicators.includes(indicator)).length / caps.length;
    };
    for (const indicator of [
      'thirdPerson',
      'obscuredPhone',
      'foreignNumber',
      'statedEthnicity',
      'youth',
      'trust',
    ]) {
      assert.ok(rate('network', indicator) > rate('independent', indicator), indicator);
      assert.ok(rate('network', indicator) < 0.95, `${indicator} must not be decisive`);
      assert.ok(rate('independent', indicator) > 0, `${indicator} appears among independents too`);
    }
    // Research on real ads: movement wording is LESS common in trafficking-linked ads.
    assert.ok(rate('network', 'movement') < rate('independent', 'movement'));
  });

  it('rotates networks through several police units, and keeps confounders shared by strangers', () => {
    const gazetteer = loadGazetteer();
    for (const adv of truth.advertisers.filter((a) => a.kind === 'network')) {
      const units = new Set(adv.circuit.map((c) => gazetteer.byCode.get(c)!.unit));
      assert.ok(units.size >= 2, `${adv.id} stays in one unit`);
    }
    const stockUsers = new Map<string, Set<string>>();
    for (const ad of truth.ads) {
      for (const im of ad.images)
        if (im.photoId.startsWith('stock:'))
          stockUsers.set(
            im.photoId,
            (stockUsers.get(im.photoId) ?? new Set()).add(ad.advertiserId),
          );
    }
    assert.ok(
      [...stockUsers.values()].some((users) => users.size >= 2),
      'a stock photo is used by unrelated advertisers',
    );
    const disclaimer = readJsonl<{ text: string }>(
      join(world, 'ads', 'rodelampjes.test.jsonl'),
    ).filter((c) => c.text.includes('controleert advertenties niet'));
    assert.ok(disclaimer.length > 10);
  });

  it('writes the action days consistently with their truth', () => {
    const ops = join(world, 'operations');
    const assignments = readJsonl<AssignmentRecord>(join(ops, 'assignments.jsonl'));
    const controls = readJsonl<ControlRecord>(join(ops, 'controls.jsonl'));
    const seizures = readJsonl<SeizureRecord>(join(ops, 'seizures.jsonl'));
    assert.deepEqual(summarise(assignments, controls, seizures), truth.operations.summary);
    const ids = new Set(assignments.map((a) => a.id));
    for (const c of controls) assert.ok(ids.has(c.assignmentId));
    const evidence = seizures.map((s) => s.evidenceNumber);
    assert.equal(new Set(evidence).size, evidence.length, 'evidence numbers are unique');
    for (const c of controls) {
      if (c.persons.some((p) => p.role === 'possible_victim'))
        assert.ok(c.referral?.offered, `${c.id}: care offered to a possible victim`);
    }
    const adKeys = new Set(truth.ads.map((a) => `${a.source}|${a.sourceId}`));
    for (const a of assignments) assert.ok(adKeys.has(`${a.ad.source}|${a.ad.sourceId}`));
  });

  it('writes each seized phone that was examined, with its owner and counts', () => {
    assert.equal(truth.devices.length, 4);
    const seized = new Set(truth.operations.seizedPhones.map((s) => s.evidenceNumber));
    for (const d of truth.devices) {
      assert.ok(seized.has(d.evidenceNumber), `${d.id} was seized`);
      for (const f of d.files) assert.ok(existsSync(join(world, f)), f);
      assert.ok(
        d.counts.messages! > 0 && d.counts.contacts! > 0 && d.counts.chats! > 0,
        JSON.stringify(d.counts),
      );
    }
    assert.deepEqual(
      new Set(truth.devices.map((d) => d.files.some((f) => f.endsWith('.ufdr')))),
      new Set([true, false]),
    );
  });

  it('refuses to replace a folder that is not a world', async () => {
    const precious = join(dir, 'precious');
    await generateWorld({ seed: 1, captures: 10, out: precious, images: false, devices: 0 }).then(
      () => rmSync(join(precious, 'truth.json')),
    );
    writeFileSync(join(precious, 'notes.txt'), 'mine');
    await assert.rejects(
      generateWorld({ seed: 1, captures: 10, out: precious, images: false, devices: 0 }),
      /refusing to replace/,
    );
    assert.equal(readFileSync(join(precious, 'notes.txt'), 'utf8'), 'mine');
  });
});
