import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  canonicalJson,
  GENESIS_HASH,
  sealEntry,
  verifyChain,
  type AuditEntry,
} from '../../src/access/audit-chain.js';

function chain(n: number): AuditEntry[] {
  const out: AuditEntry[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const e = sealEntry(prev, {
      seq,
      at: `2026-03-28T10:00:${String(seq).padStart(2, '0')}.000Z`,
      actorId: 'u1',
      actorName: 'analist',
      channel: 'api',
      action: 'investigation.read',
      targetType: 'investigation',
      targetId: 'inv-1',
      investigationId: 'inv-1',
      purpose: 'Wpg art. 9',
      outcome: 'ok',
      ip: '127.0.0.1',
      detail: canonicalJson({ n: seq }),
    });
    out.push(e);
    prev = e.hash;
  }
  return out;
}
const headOf = (entries: AuditEntry[]) => ({
  seq: entries.at(-1)?.seq ?? 0,
  hash: entries.at(-1)?.hash ?? GENESIS_HASH,
});

describe('audit chain', () => {
  it('verifies an untouched chain and an empty one', async () => {
    const entries = chain(10);
    assert.deepEqual(await verifyChain(entries, headOf(entries)), {
      ok: true,
      checked: 10,
      headHash: entries[9]!.hash,
    });
    assert.equal((await verifyChain([], { seq: 0, hash: GENESIS_HASH })).ok, true);
  });

  it('names an entry whose content was altered', async () => {
    const entries = chain(10);
    const head = headOf(entries);
    entries[4] = { ...entries[4]!, actorName: 'someone else' };
    const verdict = await verifyChain(entries, head);
    assert.equal(verdict.ok, false);
    assert.deepEqual([verdict.problem?.seq, verdict.problem?.kind], [5, 'altered']);
    assert.equal(verdict.checked, 4);
  });

  it('names an entry that was altered and re-hashed, through the next entry', async () => {
    const entries = chain(10);
    const head = headOf(entries);
    const { prevHash, hash: _h, ...rest } = entries[4]!;
    entries[4] = sealEntry(prevHash, { ...rest, detail: '{"n":99}' });
    const verdict = await verifyChain(entries, head);
    assert.deepEqual([verdict.problem?.seq, verdict.problem?.kind], [5, 'altered']);
  });

  it('names a deleted entry', async () => {
    const entries = chain(10);
    const head = headOf(entries);
    entries.splice(6, 1);
    const verdict = await verifyChain(entries, head);
    assert.deepEqual([verdict.problem?.seq, verdict.problem?.kind], [7, 'deleted']);
  });

  it('names an inserted entry even when the ones after it were renumbered', async () => {
    const original = chain(6);
    const head = headOf(original);
    // Forge an entry at seq 4, chained correctly to entry 3, and push the old 4..6 up by one.
    const { prevHash: _p, hash: _h, ...body } = original[3]!;
    const forged = sealEntry(original[2]!.hash, {
      ...body,
      action: 'user.create',
      detail: '{"forged":true}',
    });
    const shifted = original.slice(3).map((e) => ({ ...e, seq: e.seq + 1 }));
    const verdict = await verifyChain([...original.slice(0, 3), forged, ...shifted], head);
    assert.deepEqual([verdict.problem?.seq, verdict.problem?.kind], [4, 'inserted']);
  });

  it('notices a cut-off tail and an entry appended behind the head', async () => {
    const entries = chain(8);
    const truncated = await verifyChain(entries.slice(0, 6), headOf(entries));
    assert.deepEqual([truncated.problem?.seq, truncated.problem?.kind], [7, 'truncated']);
    const appended = await verifyChain(entries, headOf(entries.slice(0, 7)));
    assert.deepEqual([appended.problem?.seq, appended.problem?.kind], [8, 'inserted']);
  });

  it('hashes detail canonically, whatever the key order', () => {
    assert.equal(
      canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } }),
      '{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}',
    );
  });
});
