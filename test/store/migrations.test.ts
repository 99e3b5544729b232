import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { migrations } from '../../src/store/migrations/index.js';

/**
 * Released migrations are never edited: a database migrated by an older release would silently
 * differ from a new one. Add a new migration instead, and its checksum here.
 */
const RELEASED: Record<string, string> = {
  '0001_foundation': '4fdcd39f97114d2f5288117635f94ba068616e8e307909e0ebbdb9ed2626101e',
  '0002_ads': '1045bbbf174fd61e00aef08c975639c6473d65efb3b4d6aeadd3cc0e57726850',
  '0003_networks': '30e683a4c52105ef2796682ba31f9c5acf17d65158a210fa45a0bd17ae19a546',
  '0004_assess': 'd711f9373a726e0c65c8fc264e6ae10a2a44c3c88822768c2e3e474a442fa098',
  '0005_devices': '8c5a18712ab35265ab1268faa4659d3193fb0b09d264e221bec418bb4e978423',
  '0006_operations': 'af98cdf5433b756fd9d7dbd1992326393595d2654714b216e13e3d1e7121a609',
};

const DIR = fileURLToPath(new URL('../../src/store/migrations/', import.meta.url));

describe('migrations', () => {
  it('leaves every released migration byte for byte as released', () => {
    for (const [name, sha256] of Object.entries(RELEASED)) {
      const actual = createHash('sha256')
        .update(readFileSync(`${DIR}${name}.ts`))
        .digest('hex');
      assert.equal(
        actual,
        sha256,
        `${name}.ts was edited after release; write a new migration instead`,
      );
    }
  });

  it('registers every migration file, in file-name order, on both dialects', () => {
    const files = readdirSync(DIR)
      .filter((f) => /^\d{4}_.+\.ts$/.test(f))
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    for (const dialect of ['sqlite', 'postgres'] as const)
      assert.deepEqual(Object.keys(migrations(dialect)), files);
    assert.deepEqual(Object.keys(RELEASED), files.slice(0, Object.keys(RELEASED).length));
  });
});
