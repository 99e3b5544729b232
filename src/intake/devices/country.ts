import { readFileSync } from 'node:fs';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { mostCommon } from '../../util/counts.js';
import { registeredNumber, sharedPrefs } from './android.js';
import type { Extraction } from './extraction.js';
import { plistStrings } from './ios.js';
import { jidNumber } from './normalise.js';

/**
 * The country a phone's SIM belongs to, from its own file system, so numbers the owner typed
 * without a country code ("612 34 56 78" on a Spanish phone) are read as the phone read them. In
 * order: the number WhatsApp was registered with, then the country the call log records per call.
 * Null when neither is there (the import then uses --country, default NL).
 */
export function deviceCountry(x: Extraction, fs: 'android-fs' | 'ios-fs'): string | null {
  try {
    return fs === 'android-fs' ? androidCountry(x) : iosCountry(x);
  } catch {
    return null;
  }
}

const quiet = { warn: () => undefined };

function regionOf(e164: string | null): string | null {
  return e164 ? (parsePhoneNumberFromString(e164)?.country ?? null) : null;
}

function androidCountry(x: Extraction): string | null {
  for (const f of x.find(
    /com\.whatsapp(\.w4b)?\/shared_prefs\/com\.whatsapp(\.w4b)?_preferences(_light)?\.xml$/,
  )) {
    const region = regionOf(
      registeredNumber(sharedPrefs(readFileSync(x.path(f), 'utf8')))?.e164 ?? null,
    );
    if (region) return region;
  }
  for (const f of x.find(/(^|\/)calllog\.db$/)) {
    const db = x.openSqlite(f, quiet);
    if (!db) continue;
    try {
      const rows = db
        .prepare('select countryiso as c from calls where countryiso is not null')
        .all() as {
        c: string;
      }[];
      const c = mostCommon(rows.map((r) => r.c.toUpperCase()));
      if (c) return c;
    } finally {
      db.close();
    }
  }
  return null;
}

function iosCountry(x: Extraction): string | null {
  for (const f of x.find(/group\.net\.whatsapp\.(WhatsApp|WhatsAppSMB)\.shared\.plist$/)) {
    const jid = plistStrings(readFileSync(x.path(f))).get('OwnJabberID');
    const region = jid ? regionOf(jidNumber(jid)) : null;
    if (region) return region;
  }
  for (const f of x.find(/CallHistory\.storedata$/)) {
    const db = x.openSqlite(f, quiet);
    if (!db) continue;
    try {
      const rows = db
        .prepare(
          'select ZISO_COUNTRY_CODE as c from ZCALLRECORD where ZISO_COUNTRY_CODE is not null',
        )
        .all() as { c: string }[];
      const c = mostCommon(rows.map((r) => r.c.toUpperCase()));
      if (c) return c;
    } finally {
      db.close();
    }
  }
  return null;
}
