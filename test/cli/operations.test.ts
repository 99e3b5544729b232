import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { OperationSummary } from '../../src/model/operations.js';
import { generateWorld } from '../../src/scenario/generate.js';
import { schakel } from '../helpers/cli.js';

/**
 * The operations commands as a lead uses them: import the world's action days, print the summary
 * (as the truth has it), and write the controls' outcomes in the form risk calibration reads.
 */
describe('CLI: operations', () => {
  let dir: string;
  let env: Record<string, string>;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'schakel-cli-operations-'));
    env = { SCHAKEL_DB: join(dir, 'schakel.db'), SCHAKEL_DATABASE_URL: '' };
    await generateWorld({
      seed: 5,
      size: 'small',
      out: join(dir, 'world'),
      images: false,
      devices: 0,
    });
    const admin = schakel(
      ['users', 'add', 'beheer', '--role', 'admin', '--password', 'long-enough-1'],
      env,
    );
    assert.equal(admin.status, 0, admin.stderr);
    const lead = schakel(
      [
        '--as',
        'beheer',
        'users',
        'add',
        'lead',
        '--role',
        'operational_lead,analyst',
        '--password',
        'long-enough-2',
      ],
      env,
    );
    assert.equal(lead.status, 0, lead.stderr);
    const ads = schakel(['--as', 'lead', 'ads', 'import', join(dir, 'world', 'ads')], env);
    assert.equal(ads.status, 0, ads.stderr);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('imports the action days, summarises them as the truth, and writes outcomes for calibration', () => {
    const as = ['--as', 'lead'];
    const imported = schakel(
      [...as, 'operations', 'import', join(dir, 'world', 'operations')],
      env,
    );
    assert.equal(imported.status, 0, imported.stderr);
    assert.match(
      imported.stdout,
      /imported 1 operations, \d+ assignments, \d+ controls, \d+ seized items; 0 problems/,
    );
    const id = schakel([...as, 'operations', 'list'], env)
      .stdout.trim()
      .split(/\s+/)[0]!;
    const summary = schakel([...as, 'operations', 'summary', id, '--json'], env);
    assert.equal(summary.status, 0, summary.stderr);
    const s = JSON.parse(summary.stdout) as OperationSummary;
    const truth = (
      JSON.parse(readFileSync(join(dir, 'world', 'truth.json'), 'utf8')) as {
        operations: { summary: Omit<OperationSummary, 'operation' | 'open' | 'outcomes'> };
      }
    ).operations.summary;
    assert.deepEqual(s.perUnit, truth.perUnit);
    assert.deepEqual(s.signals, truth.signals);
    assert.deepEqual(s.items, truth.items);
    const text = schakel([...as, 'operations', 'summary', id], env).stdout;
    assert.match(text, /referrals: offered \d+, accepted \d+, declined \d+/);

    const outcomes = schakel([...as, 'operations', 'outcomes', id], env);
    assert.equal(outcomes.status, 0, outcomes.stderr);
    const lines = outcomes.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { ad?: string; exploitation: boolean });
    assert.equal(lines.length, truth.controlsHeld);
    assert.ok(lines.every((l) => typeof l.ad === 'string' && typeof l.exploitation === 'boolean'));
  });
});
