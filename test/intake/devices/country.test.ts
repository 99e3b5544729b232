import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { readAndroid } from '../../../src/intake/devices/android.js';
import { deviceCountry } from '../../../src/intake/devices/country.js';
import { folderExtraction } from '../../../src/intake/devices/extraction.js';
import { readIos } from '../../../src/intake/devices/ios.js';
import type { ExtractionReader } from '../../../src/intake/devices/types.js';
import { writeAndroid } from '../../../src/scenario/devices/android.js';
import type { DeviceExtraction, DeviceWriter } from '../../../src/scenario/devices/model.js';
import { sampleDevice } from '../../../src/scenario/devices/sample.js';
import { collectingSink, ofKind } from '../../helpers/device-sink.js';
import { writeIos } from '../../../src/scenario/devices/ios.js';

/**
 * A Spanish phone: its owner typed Spanish numbers without +34. The import reads the SIM's
 * country from the phone itself (WhatsApp's registered number, else the call log) and so reads
 * every number as the phone did; read as Dutch they would come out wrong.
 */
function spanishPhone(platform: 'android' | 'ios'): DeviceExtraction {
  const d = sampleDevice(platform);
  const owner = '+34600000199';
  d.simCountry = 'ES';
  d.ownerNumbers = [owner];
  d.accounts = d.accounts.map((a) => (a.app === 'whatsapp' ? { ...a, identifier: owner } : a));
  return d;
}

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const cases: [string, 'android' | 'ios', DeviceWriter, ExtractionReader][] = [
  ['Android', 'android', writeAndroid, readAndroid],
  ['iOS', 'ios', writeIos, readIos],
];

describe("a phone's own country for numbers typed without a country code", () => {
  for (const [name, platform, write, read] of cases)
    it(`${name}: detects ES and reads the owner's contacts exactly`, async () => {
      const dir = mkdtempSync(join(tmpdir(), `schakel-country-${platform}-`));
      dirs.push(dir);
      const device = spanishPhone(platform);
      await write(dir, device);
      const x = folderExtraction(dir);
      try {
        assert.equal(deviceCountry(x, platform === 'android' ? 'android-fs' : 'ios-fs'), 'ES');
        // Every number the phone shows, in its contacts and its calls, read back exactly.
        const numbers = (records: ReturnType<typeof collectingSink>['records']) =>
          new Set([
            ...ofKind(records, 'contact')
              .filter((c) => c.app === 'native')
              .flatMap((c) => c.phones.map((p) => p.e164)),
            ...ofKind(records, 'call').map((c) => c.party?.e164),
          ]);
        const wanted = new Set([
          ...device.contacts
            .filter((c) => c.app === 'native')
            .flatMap((c) => c.phones.map((p) => p.number)),
          ...device.calls.map((c) => c.number),
        ]);
        const sink = collectingSink('ES');
        await read(x, sink);
        assert.deepEqual(numbers(sink.records), wanted);
        // On iOS the Spanish numbers stand as typed, nationally: read as Dutch they come out
        // wrong. (Android also keeps a normalised copy of each number, which needs no hint.)
        if (platform === 'ios') {
          const dutch = collectingSink('NL');
          await read(folderExtraction(dir), dutch);
          assert.notDeepEqual(numbers(dutch.records), wanted);
        }
      } finally {
        x.close();
      }
    });
});
