import type { ContactKind, FoundContact } from './types.js';

/**
 * Contact handles in ad text: WhatsApp links, Telegram, Snapchat, OnlyFans and Instagram handles,
 * websites and e-mail addresses (also written as `naam at gmail dot com`, `naam(at)gmail(punt)com`).
 *
 * What counts:
 * - Links: `wa.me/…`, `api.whatsapp.com/send?phone=…`, `t.me/…`, `telegram.me/…`,
 *   `snapchat.com/add/…`, `onlyfans.com/…`, `instagram.com/…`, with or without scheme or `www.`.
 * - A handle after a platform label: `telegram: @name`, `telegram @name`, `snap: name`,
 *   `sc: name`, `insta: name`, `ig: name`, `onlyfans: name`, `👻 name`. Short labels (`sc`, `ig`,
 *   `tg`) need a colon; a bare name needs a colon or `@`; the handle must start with a letter.
 * - `@name` on its own is ambiguous (Instagram, Telegram, X, TikTok all use it). It counts only
 *   when a platform is named just before it on the same line (within 30 characters, nearest
 *   wins: "Telegram 👉 @name") or, failing that, just after it ("@name op telegram", within 20).
 *   Otherwise it is left out.
 * - Websites: anything with `http(s)://` or `www.`, or a bare domain whose top-level domain is a
 *   common real one (`sofia-escort.nl`), not a platform above and not the domain of an e-mail.
 *   Reserved test domains (`.test`, `.invalid`, `.example`) only count with a scheme.
 *
 * Values (see types.ts): handles lower-case without `@`; e-mail `name@domain` lower-case; website
 * host (lower-case, without `www.`) + path, without scheme, query, fragment or trailing `/`;
 * WhatsApp the E.164 number of the link (`+` and the digits; `00…` and a national `0…` are read
 * as the link's number would dial from the Netherlands).
 *
 * Spans: the whole link or e-mail expression as written; for a labelled handle only the handle
 * (with its `@`), not the label.
 */

// Every search starts at a rare anchor found by a cheap scan (a letter-dot-letter, an `@`, an
// "at" word, a platform name) and only then runs a sticky regex from there: a regex tried at
// every word costs several µs on a 500-character ad. No regex here has the `u` flag, which makes
// V8 many times slower; letters are ASCII plus Latin-1/Latin Extended instead of \p{L}.
const L = 'A-Za-z\\u00C0-\\u024F';
const GHOST = '\uD83D\uDC7B'; // 👻, Snapchat's logo

/** Letter or digit, dot, two letters: where a host name may be. */
const DOTTED = /[a-z0-9]\.[a-z]{2}/gi;
/** Platform labels (group 1) and "at" written out for e-mail (group 2), in one scan. */
const WORDS = new RegExp(
  `(telegram|tlgrm|snap(?:chat)?|insta(?:gram)?|onlyfans|\\b(?:tg|sc|ig)\\b|${GHOST})` +
    `|(\\s(?:at|apenstaartje|arroba)\\s|[[({<]\\s*(?:at|apenstaartje|arroba|@)\\s*[\\])}>])`,
  'gi',
);

// A link from its first character: scheme, `www.`, host, then path and query.
const URL_AT = new RegExp(
  `(https?:\\/\\/)?(www\\.)?((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\.)+[a-z]{2,24})` +
    `(?![${L}0-9_@-])((?:\\/|\\?)[^\\s<>"'\`()[\\]{}]*)?`,
  'iy',
);
const TRAILING_PUNCTUATION = /[.,;:!?'"]+$/;

/** Top-level domains a bare domain may have: common ones in these ads, not e.g. "jpg" or "ik". */
const BARE_TLDS = new Set(
  (
    'nl be de com net org eu info biz nu co io me tv cc xxx sex sexy porn adult escort club ' +
    'online site website page live vip top xyz shop store link app love girls dating ' +
    'amsterdam fr es it pt uk ch at pl ro hu bg ru ua cz br ar mx ve cl pe us ca'
  ).split(' '),
);
const RESERVED_TLDS = new Set(['test', 'invalid', 'example', 'localhost', 'local']);

// Platforms want ASCII handles, but ads write names with accents anyway ("letícia22").
const HANDLE = new RegExp(`^[${L}][${L}0-9_.-]{1,31}$`);
/** Labelled "handles" that are words: "telegram: ja", "snap: zie profiel". */
const NOT_HANDLES = new Set(
  (
    'ja nee yes no ook also niet not none geen same zelfde idem zie see op on via alleen only ' +
    'dm pm bel call app whatsapp prive privé link hier here contact'
  ).split(' '),
);

// "telegram: name", "snap: @name", "👻 name" from the label. Groups: label, separator, handle.
// Only a colon (or arrow) lets the handle start on the next line.
const LABELLED_AT = new RegExp(
  `(telegram|tlgrm|tg|snapchat|snap|sc|instagram|insta|ig|onlyfans|${GHOST})` +
    `([ \\t\\u00A0]*(?:[:=]|-+>?|=>|\\u2192|\\u27A1\\uFE0F?)[ \\t\\u00A0]*\\n?[ \\t\\u00A0]*|[ \\t\\u00A0]+)` +
    `(@?[${L}0-9_.-]+)`,
  'iy',
);
const AT_HANDLE_AT = new RegExp(`@([${L}][${L}0-9_.]{1,31})(?![${L}0-9_@])`, 'iy');
const PLATFORM_WORD = new RegExp(
  `telegram|\\btg\\b|snapchat|\\bsnap\\b|\\bsc\\b|${GHOST}|instagram|\\binsta\\b|\\big\\b|onlyfans`,
  'gi',
);

// E-mail from the first character of its local part: plain, and with "at"/"dot" spelled out in
// English, Dutch, Spanish and Portuguese. Groups: local part, at, domain labels with dots, TLD.
const AT_WORDS = 'at|apenstaartje|arroba';
const DOT_WORDS = 'dot|punt|punto|ponto';
const EMAIL_AT_SIGN = `(?:@|\\s*[[({<]\\s*(?:${AT_WORDS}|@)\\s*[\\])}>]\\s*|\\s+(?:${AT_WORDS}|@)\\s+)`;
const EMAIL_DOT = `(?:\\.|\\s+\\.\\s+|\\s*[[({<]\\s*(?:${DOT_WORDS}|\\.)\\s*[\\])}>]\\s*|\\s+(?:${DOT_WORDS})\\s+)`;
const EMAIL_AT = new RegExp(
  `([${L}0-9][${L}0-9._%+\\-]*)(${EMAIL_AT_SIGN})` +
    `((?:[a-z0-9](?:[a-z0-9\\-]*[a-z0-9])?${EMAIL_DOT})+)([a-z]{2,24})(?![${L}0-9\\-])`,
  'iy',
);
const EMAIL_DOT_SPLIT = new RegExp(EMAIL_DOT, 'gi');
/** Mail services whose domain is never an ad's website. */
const MAIL_PROVIDERS = new Set(
  (
    'gmail googlemail hotmail outlook live msn yahoo ymail icloud me mac aol gmx web ' +
    'protonmail proton pm tutanota mail yandex ziggo kpnmail planet xs4all hetnet home ' +
    'telfort zonnet chello casema quicknet upcmail online kpnplanet'
  ).split(' '),
);

const PLATFORM_BY_LABEL: Record<string, ContactKind> = {
  telegram: 'telegram',
  tlgrm: 'telegram',
  tg: 'telegram',
  snapchat: 'snapchat',
  snap: 'snapchat',
  sc: 'snapchat',
  [GHOST]: 'snapchat',
  instagram: 'instagram',
  insta: 'instagram',
  ig: 'instagram',
  onlyfans: 'onlyfans',
};
const SHORT_LABELS = new Set(['tg', 'sc', 'ig']);

function isAsciiLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isLatinLetter(c: number): boolean {
  return isAsciiLetter(c) || (c >= 0xc0 && c <= 0x24f);
}

function isHostChar(c: number): boolean {
  return isAsciiLetter(c) || isDigit(c) || c === 46 || c === 45; // . -
}

/** Characters of an e-mail's local part: letters, digits, `._%+-`. */
function isLocalChar(c: number): boolean {
  return isLatinLetter(c) || isDigit(c) || c === 46 || c === 95 || c === 37 || c === 43 || c === 45;
}

export function findContacts(text: string): FoundContact[] {
  const hasAt = text.includes('@');
  DOTTED.lastIndex = 0;
  const dotted = DOTTED.test(text);
  // One scan for labels and spelled-out "at"; most ads have neither.
  let labelAt: number[] | null = null;
  let atWordAt: number[] | null = null;
  WORDS.lastIndex = 0;
  for (let m = WORDS.exec(text); m; m = WORDS.exec(text)) {
    if (m[1] !== undefined) (labelAt ??= []).push(m.index);
    else (atWordAt ??= []).push(m.index);
  }
  if (!hasAt && !dotted && !labelAt && !atWordAt) return [];
  const found: FoundContact[] = [];
  if (hasAt || atWordAt) findEmails(text, hasAt, atWordAt, found);
  if (dotted) findLinks(text, found);
  if (labelAt) findLabelled(text, labelAt, found);
  if (hasAt) findAtHandles(text, found);
  return found.length > 1 ? removeOverlaps(found) : found;
}

/** Start of the word that ends at `end` (exclusive), skipping spaces before it first. */
function localPartStart(text: string, end: number): number {
  let i = end;
  while (i > 0 && text.charCodeAt(i - 1) === 32) i--;
  while (i > 0 && isLocalChar(text.charCodeAt(i - 1))) i--;
  return i;
}

function findEmails(
  text: string,
  hasAt: boolean,
  atWordAt: number[] | null,
  out: FoundContact[],
): void {
  const starts: number[] = [];
  if (hasAt) {
    for (let a = text.indexOf('@'); a >= 0; a = text.indexOf('@', a + 1)) {
      starts.push(localPartStart(text, a));
    }
  }
  if (atWordAt) for (const at of atWordAt) starts.push(localPartStart(text, at));
  if (starts.length > 1) starts.sort((a, b) => a - b);
  let covered = -1;
  for (const start of starts) {
    if (start < covered) continue;
    EMAIL_AT.lastIndex = start;
    const m = EMAIL_AT.exec(text);
    if (!m) continue;
    const at = m[2]!.trim();
    const domain = m[3]!;
    const tld = m[4]!.toLowerCase();
    const plain = at === '@' && !/\s/.test(m[0]);
    // Written-out forms must end in a real top-level domain: "at home dot …" is prose.
    if (!plain && !BARE_TLDS.has(tld) && !RESERVED_TLDS.has(tld)) continue;
    const labels = plain ? domain.slice(0, -1).split('.') : domain.split(EMAIL_DOT_SPLIT);
    // "at" as a word is also English prose: "pics at sofia-escort.nl" is a website. Take it as
    // an e-mail only with the dot written out too, or with a known mail provider.
    if (isAsciiLetter(at.charCodeAt(0)) && /^[a-z0-9.-]+$/i.test(domain)) {
      if (!MAIL_PROVIDERS.has(labels[labels.length - 2]!.toLowerCase())) continue;
    }
    let host = '';
    for (const label of labels) if (label) host += `${label}.`;
    const local = m[1]!.replace(/[.]+$/, '');
    covered = start + m[0].length;
    out.push({ kind: 'email', value: `${local}@${host}${tld}`.toLowerCase(), start, end: covered });
  }
}

function findLinks(text: string, out: FoundContact[]): void {
  let covered = 0;
  DOTTED.lastIndex = 0;
  for (let d = DOTTED.exec(text); d; d = DOTTED.exec(text)) {
    if (d.index < covered) continue;
    // Back to the start of the host, and over a scheme before it.
    let start = d.index;
    while (start > 0 && isHostChar(text.charCodeAt(start - 1))) start--;
    if (start >= 3 && text.startsWith('://', start - 3)) {
      let s = start - 3;
      while (s > 0 && isAsciiLetter(text.charCodeAt(s - 1))) s--;
      start = s;
    }
    // Not inside a word, a path, or the domain of an e-mail.
    if (start > 0) {
      const before = text.charCodeAt(start - 1);
      if (before === 64 || before === 47 || before === 95 || isLatinLetter(before)) continue;
    }
    URL_AT.lastIndex = start;
    const m = URL_AT.exec(text);
    if (!m) continue;
    const scheme = m[1] ?? '';
    const www = m[2] ?? '';
    const rest = (m[4] ?? '').replace(TRAILING_PUNCTUATION, '');
    const end = start + scheme.length + www.length + m[3]!.length + rest.length;
    covered = end;
    DOTTED.lastIndex = Math.max(DOTTED.lastIndex, end);
    const contact = classifyLink(m[3]!.toLowerCase(), rest, scheme !== '' || www !== '', m[3]!);
    if (contact) out.push({ kind: contact.kind, value: contact.value, start, end });
  }
}

/** What a link is: a platform handle, a website, or nothing worth reporting. */
function classifyLink(
  host: string,
  rest: string,
  explicit: boolean,
  writtenHost: string,
): { kind: ContactKind; value: string } | null {
  const query = rest.search(/[?#]/);
  const path = query < 0 ? rest : rest.slice(0, query);
  const segments = path.split('/').filter(Boolean);
  const first = segments[0] ?? '';
  switch (host) {
    case 'wa.me': {
      const digits = /^(?:\+|%2B)?(\d{6,15})$/i.exec(first)?.[1];
      return digits ? { kind: 'whatsapp', value: whatsappE164(digits) } : null;
    }
    case 'api.whatsapp.com':
    case 'whatsapp.com':
    case 'web.whatsapp.com': {
      const digits = /[?&]phone=(?:\+|%2B)?(\d{6,15})(?!\d)/i.exec(rest)?.[1];
      return digits ? { kind: 'whatsapp', value: whatsappE164(digits) } : null;
    }
    case 't.me':
    case 'telegram.me':
    case 'telegram.dog': {
      // t.me/s/name is the public preview of a channel; invites (+…, joinchat) have no handle.
      const name = first.toLowerCase() === 's' ? (segments[1] ?? '') : first;
      if (TELEGRAM_PATHS.has(name.toLowerCase())) return null;
      return platformHandle('telegram', name);
    }
    case 'snapchat.com':
    case 'story.snapchat.com': {
      const name = first === 'add' || first === 'u' ? (segments[1] ?? '') : first;
      return platformHandle('snapchat', name.replace(/^@/, ''));
    }
    case 'onlyfans.com':
      return platformHandle('onlyfans', first);
    case 'instagram.com':
    case 'instagr.am': {
      const name = first === 'stories' ? (segments[1] ?? '') : first;
      if (INSTAGRAM_PATHS.has(name.toLowerCase())) return null;
      return platformHandle('instagram', name.replace(/^@/, ''));
    }
  }
  if (PLATFORM_HOSTS.has(host) || host.endsWith('.whatsapp.com')) return null;
  const tld = host.slice(host.lastIndexOf('.') + 1);
  const labels = host.split('.');
  // "gmail.com" on its own is half an e-mail address, not a website.
  if (labels.length === 2 && path.length <= 1 && MAIL_PROVIDERS.has(labels[0]!)) return null;
  if (!explicit) {
    // A bare "word.Word" is usually a missing space after a full stop, not a domain.
    const writtenTld = writtenHost.slice(writtenHost.lastIndexOf('.') + 1);
    if (!BARE_TLDS.has(tld) || (writtenTld !== tld && writtenTld !== tld.toUpperCase()))
      return null;
  }
  const value = `${host.replace(/^www\./, '')}${path.replace(/\/+$/, '')}`;
  return { kind: 'website', value };
}

const PLATFORM_HOSTS = new Set([
  'wa.me',
  'whatsapp.com',
  't.me',
  'telegram.me',
  'telegram.dog',
  'snapchat.com',
  'onlyfans.com',
  'instagram.com',
  'instagr.am',
]);
const TELEGRAM_PATHS = new Set(['joinchat', 'addstickers', 'share', 'proxy', 'socks', 'c']);
const INSTAGRAM_PATHS = new Set(['p', 'reel', 'reels', 'tv', 'explore', 'accounts', 'direct']);

function platformHandle(
  kind: ContactKind,
  name: string,
): { kind: ContactKind; value: string } | null {
  const handle = name.toLowerCase().replace(/[.-]+$/, '');
  return HANDLE.test(handle) ? { kind, value: handle } : null;
}

/** `+` and the digits; `00…` drops the call prefix, a national `0…` is read as Dutch. */
function whatsappE164(digits: string): string {
  if (digits.startsWith('00')) return `+${digits.slice(2)}`;
  if (digits.startsWith('0')) return `+31${digits.slice(1)}`;
  return `+${digits}`;
}

function findLabelled(text: string, labelAt: number[], out: FoundContact[]): void {
  for (const at of labelAt) {
    if (at > 0 && (isLatinLetter(text.charCodeAt(at - 1)) || isDigit(text.charCodeAt(at - 1)))) {
      continue;
    }
    LABELLED_AT.lastIndex = at;
    const m = LABELLED_AT.exec(text);
    if (!m) continue;
    const label = m[1]!.toLowerCase();
    const separator = m[2]!;
    const written = m[3]!;
    const kind = PLATFORM_BY_LABEL[label];
    if (!kind) continue;
    const withAt = written.startsWith('@');
    const hasColon = /[:=>\u2192\u27A1-]/.test(separator);
    // Short labels need a colon; a bare name needs a colon or an `@` (the ghost is its own label).
    if (SHORT_LABELS.has(label) ? !hasColon : !hasColon && !withAt && label !== GHOST) continue;
    const name = written.replace(/^@/, '').replace(/[.-]+$/, '');
    const handle = name.toLowerCase();
    if (!HANDLE.test(handle) || NOT_HANDLES.has(handle) || PLATFORM_BY_LABEL[handle]) continue;
    const start = at + m[1]!.length + separator.length;
    out.push({ kind, value: handle, start, end: start + (withAt ? 1 : 0) + name.length });
  }
}

function findAtHandles(text: string, out: FoundContact[]): void {
  for (let a = text.indexOf('@'); a >= 0; a = text.indexOf('@', a + 1)) {
    // After a letter, digit or dot the `@` belongs to an e-mail address.
    if (a > 0 && isLocalChar(text.charCodeAt(a - 1))) continue;
    AT_HANDLE_AT.lastIndex = a;
    const m = AT_HANDLE_AT.exec(text);
    if (!m) continue;
    const name = m[1]!.replace(/\.+$/, '');
    const end = a + 1 + name.length;
    const kind = platformNear(text, a, end);
    if (kind) out.push({ kind, value: name.toLowerCase(), start: a, end });
  }
}

/** The platform named nearest before `start` (30 characters), else just after `end` (20). */
function platformNear(text: string, start: number, end: number): ContactKind | null {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const before = text.slice(Math.max(lineStart, start - 30), start);
  let kind: ContactKind | null = null;
  PLATFORM_WORD.lastIndex = 0;
  for (let m = PLATFORM_WORD.exec(before); m; m = PLATFORM_WORD.exec(before)) {
    kind = PLATFORM_BY_LABEL[m[0].toLowerCase()] ?? kind;
  }
  if (kind) return kind;
  const lineEnd = text.indexOf('\n', end);
  const after = text.slice(end, Math.min(lineEnd < 0 ? text.length : lineEnd, end + 20));
  PLATFORM_WORD.lastIndex = 0;
  const m = PLATFORM_WORD.exec(after);
  return m ? (PLATFORM_BY_LABEL[m[0].toLowerCase()] ?? null) : null;
}

/**
 * One reading per stretch of text. Found in order e-mail, link, labelled handle, `@handle`; a
 * later one overlapping an earlier is dropped (the domain of `naam at sofia.nl` is not a site).
 */
function removeOverlaps(found: FoundContact[]): FoundContact[] {
  const kept: FoundContact[] = [];
  for (const f of found) {
    if (!kept.some((k) => f.start < k.end && k.start < f.end)) kept.push(f);
  }
  return kept.sort((a, b) => a.start - b.start);
}
