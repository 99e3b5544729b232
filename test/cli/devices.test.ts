import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { generateWorld } from '../../src/scenario/generate.js';
import { schakel } from '../helpers/cli.js';

/**
 * The device commands as an examiner uses them: open an investigation, import an extraction with
 * `--json` (format, hashed files, counts, owner, warnings), import it again (recognised), see the
 * custody, export the records as JSON lines; a bad path or a missing investigation are named.
 */
describe('CLI: devices', () => {
  let dir: string;
  let env: Record<string, string>;
  let device: {
    id: string;
    evidenceNumber: string;
    format: string;
    counts: Record<string, number>;
    ownerNumbers: string[];
  };
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'schakel-cli-devices-'));
    env = { SCHAKEL_DB: join(dir, 'schakel.db'), SCHAKEL_DATABASE_URL: '' };
    await generateWorld({
      seed: 5,
      size: 'small',
      out: join(dir, 'world'),
      images: false,
      devices: 3,
    });
    const truth = JSON.parse(readFileSync(join(dir, 'world', 'truth.json'), 'utf8')) as {
      devices: (typeof device)[];
    };
    device = truth.devices.find((d) => d.format === 'ios-fs') ?? truth.devices[0]!;
    const admin = schakel(
      ['users', 'add', 'beheer', '--role', 'admin', '--password', 'long-enough-1'],
      env,
    );
    assert.equal(admin.status, 0, admin.stderr);
    const examiner = schakel(
      [
        '--as',
        'beheer',
        'users',
        'add',
        'onderzoeker',
        '--role',
        'forensic_examiner',
        '--password',
        'long-enough-2',
      ],
      env,
    );
    assert.equal(examiner.status, 0, examiner.stderr);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('imports an extraction into an investigation, hashed, with its counts; a second import is recognised', () => {
    const as = ['--as', 'onderzoeker'];
    const created = schakel(
      [
        ...as,
        'investigations',
        'create',
        '--name',
        'Actiedag',
        '--purpose',
        'mensenhandel',
        '--legal-basis',
        'art. 273f Sr',
        '--json',
      ],
      env,
    );
    assert.equal(created.status, 0, created.stderr);
    const investigation = (JSON.parse(created.stdout) as { id: string }).id;
    const path = join(
      dir,
      'world',
      'devices',
      device.format === 'ufdr' ? `${device.id}.ufdr` : device.id,
    );

    const missing = schakel([...as, 'device', 'import', path, '--item', 'NEW-1'], env);
    assert.notEqual(missing.status, 0);
    assert.match(missing.stderr, /investigation/);
    const nowhere = schakel(
      [
        ...as,
        'device',
        'import',
        join(dir, 'nope'),
        '--item',
        'NEW-1',
        '--investigation',
        investigation,
      ],
      env,
    );
    assert.notEqual(nowhere.status, 0);
    assert.match(nowhere.stderr, /no such file or folder/);

    const first = schakel(
      [
        ...as,
        'device',
        'import',
        path,
        '--item',
        device.evidenceNumber,
        '--investigation',
        investigation,
        '--json',
      ],
      env,
    );
    assert.equal(first.status, 0, first.stderr);
    const report = JSON.parse(first.stdout) as {
      item: string;
      format: string;
      files: { path: string; sha256: string; bytes: number }[];
      counts: Record<string, number>;
      owner: { phones: string[]; accounts: string[] };
      warnings: unknown[];
      reimport: boolean;
    };
    assert.equal(report.item, device.evidenceNumber);
    assert.equal(report.format, device.format);
    assert.deepEqual(report.counts, device.counts);
    assert.ok(report.files.length > 0);
    for (const f of report.files) assert.match(f.sha256, /^[0-9a-f]{64}$/);
    for (const n of device.ownerNumbers) assert.ok(report.owner.phones.includes(n));
    assert.deepEqual(report.warnings, []);
    assert.match(first.stderr, /records read/, 'progress on stderr');

    const again = schakel([...as, 'device', 'import', path, '--item', device.evidenceNumber], env);
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stdout, /imported before .* nothing read again/);

    const custody = schakel(
      [
        ...as,
        'device',
        'custody',
        device.evidenceNumber,
        '--record',
        'examined',
        '--note',
        'gelezen',
      ],
      env,
    );
    assert.equal(custody.status, 0, custody.stderr);
    assert.match(custody.stdout, /imported .*onderzoeker/);
    assert.match(custody.stdout, /examined .*gelezen/);

    const exported = schakel([...as, 'export', 'device', device.evidenceNumber], env);
    assert.equal(exported.status, 0, exported.stderr);
    const lines = exported.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { kind: string; provenance: { file: string } });
    const c = device.counts;
    assert.equal(lines.length, c.contacts! + c.calls! + c.chats! + c.messages! + c.accounts!);
    assert.ok(lines.every((l) => l.provenance.file.length > 0));

    // The administrator is not a member: the device does not exist for them.
    const admin = schakel(['--as', 'beheer', 'device', 'custody', device.evidenceNumber], env);
    assert.notEqual(admin.status, 0);
    assert.match(admin.stderr, /not found/);
  });
});
