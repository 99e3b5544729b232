import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import type { Party, Timestamp } from './types.js';

/**
 * Numbers, WhatsApp JIDs and timestamps as devices store them, turned into E.164 and UTC with the
 * original kept. Pure.
 */

/** E.164 for a number as typed on a device, read in `country` when it has no country code; null if it is not a number. */
export function toE164(raw: string, country: string): string | null {
  const cleaned = raw.trim();
  if (!/\d{3}/.test(cleaned) || /[a-z@]/i.test(cleaned.replace(/^tel:/i, ''))) return null;
  const digits = cleaned.replace(/^tel:/i, '').replace(/^00/, '+');
  const parsed = parsePhoneNumberFromString(digits, country.toUpperCase() as CountryCode);
  return parsed?.isPossible() ? parsed.number : null;
}

/** The number in a WhatsApp JID (`31612345678@s.whatsapp.net`, `…@c.us`); null for groups, LIDs and broadcasts. */
export function jidNumber(jid: string): string | null {
  const m = /^(\d{6,15})(?::\d+)?@(s\.whatsapp\.net|c\.us|whatsapp\.net)$/.exec(jid.trim());
  if (!m) return null;
  const parsed = parsePhoneNumberFromString(`+${m[1]}`);
  return parsed?.isPossible() ? parsed.number : null;
}

/** A party from a number as typed, a JID, an e-mail or a user name. */
export function party(raw: string, country: string, name?: string | null): Party {
  const e164 = raw.includes('@') ? jidNumber(raw) : toE164(raw, country);
  return name === undefined ? { raw, e164 } : { raw, e164, name };
}

const APPLE_EPOCH_S = 978_307_200;

const DAY_MS = 86_400_000;
// Outside 1990–2100 a value is a misread unit, not a time.
const FIRST_MS = Date.UTC(1990, 0, 1);
const AFTER_MS = Date.UTC(2101, 0, 1);
/** `YYYY-MM-DDT` by day number: a message store has millions of times on a few thousand days. */
const dayPrefix = new Map<number, string>();
const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/**
 * The same text as `new Date(ms).toISOString()`, five times faster: the date part is looked up
 * per day, the time part is plain arithmetic. Readers format one time per record, millions of them.
 */
function iso(value: number): string | null {
  const ms = Math.trunc(value);
  if (!(ms >= FIRST_MS && ms < AFTER_MS)) return null;
  const day = Math.floor(ms / DAY_MS);
  let prefix = dayPrefix.get(day);
  if (prefix === undefined) {
    prefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
    if (dayPrefix.size >= 50_000) dayPrefix.clear();
    dayPrefix.set(day, prefix);
  }
  let rest = ms - day * DAY_MS;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = Math.floor(rest / 1000);
  const milli = rest - s * 1000;
  return `${prefix}${pad2(h)}:${pad2(m)}:${pad2(s)}.${milli < 10 ? '00' : milli < 100 ? '0' : ''}${milli}Z`;
}

/** Milliseconds since 1970 (Android). */
export function unixMs(v: number | bigint | null): Timestamp | null {
  if (v === null) return null;
  return { utc: iso(Number(v)), original: String(v), zone: 'unix-ms' };
}

/** Seconds since 1970. */
export function unixS(v: number | bigint | null): Timestamp | null {
  if (v === null) return null;
  return { utc: iso(Number(v) * 1000), original: String(v), zone: 'unix-s' };
}

/**
 * Apple's Cocoa time: seconds since 2001-01-01 UTC, or nanoseconds in `sms.db` since iOS 11. The
 * unit is told apart by size (a value above 1e12 cannot be seconds).
 */
export function appleTime(v: number | bigint | null): Timestamp | null {
  if (v === null) return null;
  const n = Number(v);
  if (Math.abs(n) > 1e12)
    return { utc: iso((n / 1e9 + APPLE_EPOCH_S) * 1000), original: String(v), zone: 'apple-ns' };
  return { utc: iso((n + APPLE_EPOCH_S) * 1000), original: String(v), zone: 'apple-s' };
}

/** An ISO-8601 text with its offset (UFED, CSV); a text without offset is read as UTC and says so. */
export function isoText(v: string | null): Timestamp | null {
  if (v === null || v.trim() === '') return null;
  const text = v.trim();
  const zone = /(Z|[+-]\d{2}:?\d{2})$/.exec(text)?.[1] ?? null;
  const ms = Date.parse(zone ? text : `${text}Z`);
  return { utc: Number.isNaN(ms) ? null : iso(ms), original: v, zone: zone ?? 'UTC (assumed)' };
}
