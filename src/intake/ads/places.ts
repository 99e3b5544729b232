import type { Gazetteer } from '../../geo/gazetteer.js';
import {
  ALIAS_GROUPS,
  COMMON_WORDS,
  CUES,
  FOREIGN_HOMONYMS,
  NEEDS_CUE_IN_TEXT,
  NOT_PLACES,
  PREFERRED_TOWNS,
  PROVINCES,
  type Province,
} from './place-aliases.js';
import type { PlaceResolution, TextMatch } from './types.js';

/**
 * Resolves the place an ad states ("Den Haag / Rijswijk", "regio Utrecht", "1012 AB Amsterdam",
 * "HENGELO (GLD)", "Sudwest-Fryslan") to a CBS municipality, and with it the safety region and
 * police unit.
 *
 * Text is normalised into tokens (lower case, diacritics stripped, apostrophes dropped, any other
 * punctuation a separator, `y` → `ij`, `St.` → `sint`, `a/d` and `aan de(n)` → `ad`) that keep their
 * offsets in the original string, and every known name is normalised the same way into one Map.
 * The location is scanned left to right for the longest known name at each token, so
 * "Bergen op Zoom" beats "Bergen" and "Amsterdam Airport Schiphol" beats "Amsterdam".
 *
 * What a name can mean, in this order: a municipality of that name (the official name, or without
 * its suffix: "Bergen (NH.)" is also "Bergen"); an alias or district from place-aliases.ts; a town
 * (woonplaats). All municipalities a name can mean are its candidates. When there are several:
 * 1. a province or another place named in the location narrows them ("Hengelo Gelderland",
 *    "Zevenhuizen, Groningen", "Rozenburg Rotterdam");
 * 2. then the same from the context (title and body; written-out province names only);
 * 3. then a municipality with exactly that name wins over towns of that name elsewhere ("Hengelo"
 *    is Hengelo (O.), not the village in Bronckhorst; "Rijswijk" is Rijswijk (ZH.)), which is what
 *    people mean; a few towns have a documented preference too (PREFERRED_TOWNS);
 * 4. otherwise the result is `ambiguous`, with the candidates left and the reason.
 * Two municipalities of one name ("Bergen": NH. and L.) have no default and stay ambiguous.
 *
 * Several places in one location ("Den Haag / Rijswijk", "Amsterdam, Rotterdam") resolve to the
 * first: the ad's own place usually comes first, and keeping one keeps the result simple.
 *
 * Only when no exact name matches, one typo is forgiven: optimal-string-alignment distance 1
 * (one insertion, deletion, substitution or swap of neighbours) to a known place name of at least
 * 6 letters, over spans of up to 3 tokens in the first 64 tokens, accepted only when every name
 * that close means the same municipality (else it is `unknown`). Those results have `via: 'fuzzy'`.
 *
 * The context is read only to break ties, and to find the place when the location is blank; then
 * it is read conservatively (a capitalised name after a cue such as "in", "regio", "uit", "near",
 * or a municipality name of at least 5 letters that is no ordinary word), the result has
 * `via: 'context'` and its `match` refers to the context string. Every other result's `match`
 * refers to the location.
 */
export class PlaceResolver {
  private readonly keys = new Map<string, KeyInfo>();
  /** Every proper token prefix of a multi-token key: tells the scan to try one token more. */
  private readonly prefixes = new Set<string>();
  private readonly provinceOf = new Map<string, Province>();
  private readonly cues: readonly string[][];
  private fuzzyIndex: FuzzyIndex | null = null;

  constructor(private readonly geo: Gazetteer) {
    const build = new Map<string, Builder>();
    const at = (key: string): Builder => {
      let b = build.get(key);
      if (!b) {
        b = { munis: new Set(), aliases: new Map(), towns: new Set(), preferred: null };
        build.set(key, b);
      }
      return b;
    };
    const byName = (name: string): string => {
      const m = geo.byName.get(name);
      if (!m) throw new Error(`place-aliases.ts: the gazetteer has no municipality "${name}"`);
      return m.code;
    };

    // Province suffixes in official names: "Bergen (L.)", "Bergen L", "Loo Gld", "Haren Gn".
    const qualifiers = new Set(['l', 'o', 'z']);
    for (const p of PROVINCES) for (const a of p.abbreviations) qualifiers.add(normalizePlace(a));
    for (const p of PROVINCES) {
      for (const r of p.safetyRegions)
        for (const m of geo.municipalities)
          if (m.safetyRegionCode === r) this.provinceOf.set(m.code, p);
    }

    const muniKeys = new Map<string, Set<string>>();
    for (const m of geo.municipalities) {
      const keys = nameKeys(m.name, qualifiers, null, () => false);
      muniKeys.set(m.code, keys);
      for (const k of keys) at(k).munis.add(m.code);
    }
    const isMuniKey = (k: string) => (build.get(k)?.munis.size ?? 0) > 0;
    for (const t of geo.towns) {
      const m = geo.byCode.get(t.municipalityCode)!;
      for (const k of nameKeys(t.name, qualifiers, baseName(m.name), isMuniKey))
        at(k).towns.add(t.municipalityCode);
    }

    // Aliases, then districts alone and next to every name of their city.
    const combined = new Set<string>();
    const cityNames = new Map<string, Set<string>>();
    for (const g of ALIAS_GROUPS) {
      const code = byName(g.municipality);
      // The city's own names without a province suffix, then its aliases.
      const names =
        cityNames.get(code) ??
        new Set([...muniKeys.get(code)!].filter((k) => !endsWithQualifier(k, qualifiers)));
      cityNames.set(code, names);
      if (g.via === 'alias') for (const n of g.names) names.add(normalizePlace(n));
    }
    for (const g of ALIAS_GROUPS) {
      const code = byName(g.municipality);
      for (const n of g.names) setAlias(at(normalizePlace(n)), code, g.via);
      if (g.via !== 'district') continue;
      for (const n of [...g.names, ...(g.withCity ?? [])]) {
        const d = normalizePlace(n);
        for (const city of cityNames.get(code)!) {
          if (d === city) continue;
          for (const k of [`${city} ${d}`, `${d} ${city}`]) {
            setAlias(at(k), code, 'district');
            combined.add(k);
          }
        }
      }
    }
    for (const p of PREFERRED_TOWNS) {
      const b = build.get(normalizePlace(p.name));
      const code = byName(p.municipality);
      if (!b || !(b.towns.has(code) || b.munis.has(code)))
        throw new Error(`place-aliases.ts: "${p.name}" is no town of ${p.municipality}`);
      b.preferred = code;
    }

    for (const [key, b] of build) this.keys.set(key, blankInfo(key, finish(b), combined.has(key)));
    const info = (key: string): KeyInfo => {
      let i = this.keys.get(key);
      if (!i) this.keys.set(key, (i = blankInfo(key, null, false)));
      return i;
    };
    for (const p of PROVINCES) {
      for (const n of p.names) {
        const i = info(normalizePlace(n));
        i.province = p;
        i.provinceInText = true;
      }
      for (const a of p.abbreviations) info(normalizePlace(a)).province ??= p;
    }
    for (const n of NOT_PLACES)
      for (const name of n.names) info(normalizePlace(name)).notPlace = n.reason;
    // A province or the country beats a hamlet of its name ("Zeeland" in Maashorst, "Nederland" in
    // Steenwijkerland), not a municipality ("Groningen", "Utrecht").
    for (const i of this.keys.values())
      if ((i.provinceInText || i.notPlace) && i.place?.kind === 'town') i.place = null;
    for (const w of COMMON_WORDS) this.keys.get(normalizePlace(w))?.flags.add('common');
    for (const w of NEEDS_CUE_IN_TEXT) this.keys.get(normalizePlace(w))?.flags.add('needsCue');
    for (const w of FOREIGN_HOMONYMS) this.keys.get(normalizePlace(w))?.flags.add('foreign');

    // Written together: "Denhaag", "Bergenopzoom"; never shadows a real name.
    for (const [key, i] of [...this.keys]) {
      const compact = key.replaceAll(' ', '');
      if (compact !== key && !this.keys.has(compact)) this.keys.set(compact, i);
    }
    for (const key of this.keys.keys()) {
      for (let i = key.indexOf(' '); i > 0; i = key.indexOf(' ', i + 1))
        this.prefixes.add(key.slice(0, i));
    }
    this.cues = CUES.map((c) => normalizePlace(c).split(' '));
  }

  resolve(location: string, context?: string): PlaceResolution {
    // Blank exactly as callers test it (`location.trim() === ''`), so they know `match` is in the context.
    if (location.trim() === '') return this.fromContext(context ?? '');
    const tokens = tokenize(location);
    const hits = this.scan(tokens);

    // The first place named; a name that is also a plain word ("Best", "Heel") only when nothing
    // else is named and it stands alone or after a cue ("regio Best").
    let primary: Hit | null = null;
    let weak: Hit | null = null;
    for (const h of hits) {
      if (!h.info.place) continue;
      if (!h.info.flags.has('common')) {
        primary = h;
        break;
      }
      weak ??= h;
    }
    if (!primary && weak && (this.alone(tokens, hits, weak) || this.cued(tokens, weak.from)))
      primary = weak;
    if (!primary) return this.noPlace(location, tokens, hits, weak);

    const others = hits.filter((h) => h !== primary);
    if (primary.info.flags.has('foreign') && !others.some((h) => h.info.place || h.info.province))
      return unknown(
        `"${location.slice(primary.match.start, primary.match.end)}" is taken for the foreign city, not the Dutch village of that name`,
      );

    // "Groningen Zevenhuizen": a province-named city first, then a town that the province decides.
    const e = primary.info.place!;
    if (e.candidates.length === 1 && primary.info.province) {
      for (const h of others) {
        const c = h.info.place?.candidates;
        if (!c || c.length < 2) continue;
        const inProvince = c.filter((code) => this.provinceOf.get(code) === primary.info.province);
        if (inProvince.length === 1)
          return this.resolved(inProvince[0]!, viaOf(h, inProvince[0]!), h.match);
      }
    }

    const hints = collectHints(others, true);
    return this.decide(location, primary, null, hints, () =>
      context ? this.contextHints(context, null) : null,
    );
  }

  /** Longest known name at each token, left to right, without overlaps. */
  private scan(tokens: Token[]): Hit[] {
    const hits: Hit[] = [];
    for (let i = 0; i < tokens.length;) {
      let key = tokens[i]!.text;
      let best: KeyInfo | undefined;
      let bestTo = i;
      for (let j = i; ;) {
        const info = this.keys.get(key);
        if (info) {
          best = info;
          bestTo = j + 1;
        }
        if (++j >= tokens.length || !this.prefixes.has(key)) break;
        key += ` ${tokens[j]!.text}`;
      }
      if (best) {
        hits.push({
          from: i,
          to: bestTo,
          info: best,
          match: { start: tokens[i]!.start, end: tokens[bestTo - 1]!.end },
        });
        i = bestTo;
      } else i++;
    }
    return hits;
  }

  /** `via` overrides how the name was known (`context`, `fuzzy`). */
  private decide(
    text: string,
    h: Hit,
    via: string | null,
    hints: Hints,
    more: () => Hints | null,
  ): PlaceResolution {
    const e = h.info.place!;
    let c = e.candidates;
    if (c.length > 1) c = this.narrow(c, hints);
    if (c.length > 1) {
      const ctx = more();
      if (ctx) c = this.narrow(c, ctx);
    }
    if (c.length > 1 && e.preferred && c.includes(e.preferred)) c = [e.preferred];
    if (c.length === 1) return this.resolved(c[0]!, via ?? viaOf(h, c[0]!), h.match);
    const list = c.map((code) => `${this.geo.byCode.get(code)!.name} (${code})`).join(', ');
    return {
      status: 'ambiguous',
      candidates: [...c],
      reason: `"${text.slice(h.match.start, h.match.end)}" can be ${c.length} municipalities: ${list}; no province or other place in the text says which`,
      match: h.match,
    };
  }

  /** Keep the candidates a named place or province agrees with; a hint that fits none is ignored. */
  private narrow(c: readonly string[], hints: Hints): readonly string[] {
    if (hints.codes.size > 0) {
      const x = c.filter((code) => hints.codes.has(code));
      if (x.length > 0) c = x;
    }
    for (const p of hints.provinces) {
      const x = c.filter((code) => this.provinceOf.get(code) === p);
      if (x.length > 0) c = x;
    }
    return c;
  }

  private resolved(code: string, via: string, match: TextMatch): PlaceResolution {
    const m = this.geo.byCode.get(code)!;
    return {
      status: 'resolved',
      municipalityCode: m.code,
      municipality: m.name,
      safetyRegionCode: m.safetyRegionCode,
      policeUnit: m.unit,
      via,
      match,
    };
  }

  /** The location names no place: say what it does name, else try one typo, else give up. */
  private noPlace(
    location: string,
    tokens: Token[],
    hits: Hit[],
    skipped: Hit | null,
  ): PlaceResolution {
    const said = (h: Hit) => `"${location.slice(h.match.start, h.match.end)}"`;
    // An abbreviation ("Dr", "Ge") is only taken for a province when it is all the location says.
    const province = hits.find(
      (h) => h.info.province && (h.info.provinceInText || h.to - h.from === tokens.length),
    );
    if (province) return unknown(`${said(province)} is a province, not a municipality`);
    const other = hits.find((h) => h.info.notPlace);
    if (other) return unknown(`${said(other)} is ${other.info.notPlace}`);
    const near = this.fuzzy(location, tokens);
    if (near) return near;
    const word = skipped ? `; ${said(skipped)} is read as an ordinary word` : '';
    return unknown(
      `no Dutch municipality, town or alias matches "${clip(location.trim())}"${word}`,
    );
  }

  /** Blank location: the first place the title or text names in a way that can't be a plain word. */
  private fromContext(context: string): PlaceResolution {
    if (context.trim() === '') return unknown('empty location');
    const tokens = tokenize(context);
    const hits = this.scan(tokens);
    for (const h of hits) {
      const e = h.info.place;
      if (!e || !capitalised(context, tokens, h) || h.info.flags.has('foreign')) continue;
      const cued = this.cued(tokens, h.from);
      const plain =
        (e.kind === 'municipality' || e.kind === 'alias' || h.info.flags.has('combined')) &&
        !h.info.flags.has('common') &&
        !h.info.flags.has('needsCue') &&
        h.info.key.replaceAll(' ', '').length >= 5;
      // A district word shared by cities ("Zuid") says nothing in running text.
      if (e.kind === 'district' && e.candidates.length > 1) continue;
      if (!plain && !cued) continue;
      return this.decide(
        context,
        h,
        'context',
        this.contextHints(context, h, tokens, hits),
        () => null,
      );
    }
    return unknown('empty location; no place named in the text');
  }

  private contextHints(
    context: string,
    except: Hit | null,
    tokens = tokenize(context),
    hits = this.scan(tokens),
  ): Hints {
    return collectHints(
      hits.filter(
        (h) =>
          h !== except &&
          !h.info.flags.has('common') &&
          capitalised(context, tokens, h) &&
          (h.info.place !== null || h.info.provinceInText),
      ),
      false,
    );
  }

  /** A weak name counts when the location says nothing else (a province aside). */
  private alone(tokens: Token[], hits: Hit[], h: Hit): boolean {
    let covered = h.to - h.from;
    for (const o of hits) if (o !== h && o.info.province && !o.info.place) covered += o.to - o.from;
    return covered === tokens.length;
  }

  /** Is the token at `from` preceded by a cue, perhaps with an article between ("in de Bijlmer")? */
  private cued(tokens: Token[], from: number): boolean {
    const before = tokens[from - 1]?.text;
    if (
      from > 1 &&
      (before === 'de' || before === 'het' || before === 't') &&
      this.cued(tokens, from - 1)
    )
      return true;
    for (const cue of this.cues) {
      if (from < cue.length) continue;
      let ok = true;
      for (let k = 0; k < cue.length && ok; k++)
        ok = tokens[from - cue.length + k]!.text === cue[k];
      if (ok) return true;
    }
    return false;
  }

  private fuzzy(location: string, tokens: Token[]): PlaceResolution | null {
    const index = (this.fuzzyIndex ??= buildFuzzyIndex(this.keys));
    const found: { from: number; to: number; info: KeyInfo }[] = [];
    const n = Math.min(tokens.length, FUZZY_MAX_TOKENS);
    for (let i = 0; i < n; i++) {
      let span = '';
      for (let j = i; j < Math.min(n, i + 3); j++) {
        const t = tokens[j]!.text;
        if (t.charCodeAt(0) <= 0x39) break; // digits: postcodes, prices
        span = j === i ? t : `${span} ${t}`;
        if (span.length > index.maxLength + 1) break;
        if (span.length - (j - i) < FUZZY_MIN_LENGTH) continue;
        for (const id of near(index, span))
          found.push({ from: i, to: j + 1, info: index.infos[id]! });
      }
    }
    if (found.length === 0) return null;
    // The leftmost typo'd name, like the leftmost exact one; every name one edit away must agree.
    const leftmost = found.filter((f) => f.from === found[0]!.from);
    const entries = new Set(leftmost.map((f) => f.info.place!));
    const codes = new Set<string>();
    for (const e of entries) for (const c of e.candidates) codes.add(c);
    const first = found[0]!;
    const hit: Hit = {
      from: first.from,
      to: first.to,
      info: first.info,
      match: { start: tokens[first.from]!.start, end: tokens[first.to - 1]!.end },
    };
    if (entries.size === 1 || codes.size === 1)
      return this.decide(location, hit, 'fuzzy', EMPTY_HINTS, () => null);
    const names = [...new Set(leftmost.map((f) => f.info.key))].slice(0, 5).join('", "');
    return unknown(
      `no Dutch municipality, town or alias matches "${clip(location.trim())}"; one letter away from several places ("${names}")`,
    );
  }
}

/** The normalised form of a place name or text: what the resolver compares. */
export function normalizePlace(text: string): string {
  return tokenize(text)
    .map((t) => t.text)
    .join(' ');
}

// ---- normalisation ----------------------------------------------------------------------------

interface Token {
  text: string;
  start: number;
  end: number;
}

const SEP = 0;
const LETTER = 1;
const DIGIT = 2;
const APOS = 3;
const MARK = 4;

interface CharClass {
  kind: number;
  out: string;
}

const APOSTROPHES = new Set([0x27, 0x60, 0xb4, 0x2018, 0x2019, 0x201b, 0x2bc, 0x2032]);
/** Letters NFKD leaves alone. */
const SPECIAL: Record<string, string> = {
  æ: 'ae',
  ø: 'o',
  œ: 'oe',
  ß: 'ss',
  đ: 'd',
  ł: 'l',
  ı: 'i',
  ð: 'd',
  þ: 'th',
  ħ: 'h',
};

function classify(code: number): CharClass {
  if (APOSTROPHES.has(code)) return { kind: APOS, out: '' };
  const ch = String.fromCharCode(code);
  if (/\p{M}/u.test(ch)) return { kind: MARK, out: '' };
  if (/\p{Nd}/u.test(ch)) {
    const d = ch.normalize('NFKD');
    return /^[0-9]$/.test(d) ? { kind: DIGIT, out: d } : { kind: SEP, out: '' };
  }
  if (!/\p{L}/u.test(ch)) return { kind: SEP, out: '' };
  const lower = ch.toLowerCase();
  const out = (SPECIAL[lower] ?? lower.normalize('NFKD').toLowerCase())
    .replace(/[^\p{L}\p{N}]/gu, '')
    .replaceAll('y', 'ij');
  return out === '' ? { kind: MARK, out: '' } : { kind: LETTER, out };
}

/** Latin, Latin-1 and Latin Extended precomputed; anything else classified once and cached. */
const FAST = Array.from({ length: 0x250 }, (_, code) => classify(code));
const SLOW = new Map<number, CharClass>();

function charClass(code: number): CharClass {
  if (code < 0x250) return FAST[code]!;
  let c = SLOW.get(code);
  if (!c) {
    c = classify(code);
    if (SLOW.size < 10_000) SLOW.set(code, c);
  }
  return c;
}

function tokenize(s: string): Token[] {
  const raw: Token[] = [];
  let text = '';
  let start = 0;
  let end = 0;
  let last = SEP;
  let apos = -1;
  for (let i = 0; i < s.length; i++) {
    const c = charClass(s.charCodeAt(i));
    if (c.kind === LETTER || c.kind === DIGIT) {
      // "Amsterdam1012" is two tokens.
      if (text !== '' && c.kind !== last) {
        raw.push({ text, start, end });
        text = '';
      }
      // A leading apostrophe belongs to the name: "'s-Gravenhage".
      if (text === '') start = apos >= 0 && apos === i - 1 ? apos : i;
      text += c.out;
      end = i + 1;
      last = c.kind;
      apos = -1;
    } else if (c.kind === MARK) {
      if (text !== '') end = i + 1;
    } else if (c.kind === APOS) {
      if (text === '') apos = i;
    } else {
      if (text !== '') raw.push({ text, start, end });
      text = '';
      apos = -1;
    }
  }
  if (text !== '') raw.push({ text, start, end });

  // Spelling variants that span tokens.
  const out: Token[] = [];
  for (let i = 0; i < raw.length; i++) {
    const t = raw[i]!;
    const next = raw[i + 1];
    if (
      next &&
      ((t.text === 'aan' && (next.text === 'de' || next.text === 'den')) ||
        (t.text === 'a' && next.text === 'd'))
    ) {
      out.push({ text: 'ad', start: t.start, end: next.end });
      i++;
    } else if (t.text === 'st') out.push({ text: 'sint', start: t.start, end: t.end });
    else out.push(t);
  }
  return out;
}

/** Is any word of the hit written with a capital (after a leading apostrophe)? */
function capitalised(s: string, tokens: Token[], h: Hit): boolean {
  for (let k = h.from; k < h.to; k++) {
    let i = tokens[k]!.start;
    while (i < tokens[k]!.end && APOSTROPHES.has(s.charCodeAt(i))) i++;
    const ch = s[i] ?? '';
    if (ch !== ch.toLowerCase()) return true;
  }
  return false;
}

// ---- building the index -----------------------------------------------------------------------

type Via = 'municipality' | 'alias' | 'district' | 'town';

interface PlaceEntry {
  /** The strongest way the name is known: a municipality's name, an alias, a district, a town. */
  kind: Via;
  /** Every municipality the name can mean, by code. */
  candidates: readonly string[];
  /** How the name is known in each candidate ("Hengelo": municipality in GM0164, town in GM1876). */
  kinds: readonly Via[];
  /** What it means when nothing in the text decides: a municipality of exactly that name, … */
  preferred: string | null;
}

/** `combined`: a city and district together ("amsterdam zuidoost"); a typo in it is a typo in one of them. */
type Flag = 'common' | 'needsCue' | 'foreign' | 'combined';

interface KeyInfo {
  key: string;
  place: PlaceEntry | null;
  province: Province | null;
  /** Written out, so it may be read from the body text too. */
  provinceInText: boolean;
  notPlace: string | null;
  flags: Set<Flag>;
}

interface Builder {
  munis: Set<string>;
  aliases: Map<string, 'alias' | 'district'>;
  towns: Set<string>;
  preferred: string | null;
}

interface Hit {
  from: number;
  to: number;
  info: KeyInfo;
  match: TextMatch;
}

interface Hints {
  codes: Set<string>;
  provinces: Province[];
}

const EMPTY_HINTS: Hints = { codes: new Set(), provinces: [] };

function collectHints(hits: Hit[], abbreviations: boolean): Hints {
  const h: Hints = { codes: new Set(), provinces: [] };
  for (const x of hits) {
    if (x.info.place) for (const c of x.info.place.candidates) h.codes.add(c);
    if (x.info.province && (abbreviations || x.info.provinceInText))
      h.provinces.push(x.info.province);
  }
  return h;
}

function viaOf(h: Hit, code: string): Via {
  const e = h.info.place!;
  return e.kinds[e.candidates.indexOf(code)] ?? e.kind;
}

function blankInfo(key: string, place: PlaceEntry | null, combined: boolean): KeyInfo {
  const flags = new Set<Flag>();
  if (combined) flags.add('combined');
  return { key, place, province: null, provinceInText: false, notPlace: null, flags };
}

function setAlias(b: Builder, code: string, via: 'alias' | 'district'): void {
  // A name that is an alias somewhere stays an alias.
  if (b.aliases.get(code) !== 'alias') b.aliases.set(code, via);
}

function finish(b: Builder): PlaceEntry | null {
  const all = new Set([...b.munis, ...b.aliases.keys(), ...b.towns]);
  if (all.size === 0) return null;
  const candidates = [...all].sort();
  const kind: Via =
    b.munis.size > 0
      ? 'municipality'
      : b.aliases.size > 0
        ? [...b.aliases.values()].includes('alias')
          ? 'alias'
          : 'district'
        : 'town';
  const kinds = candidates.map((c): Via =>
    b.munis.has(c) ? 'municipality' : (b.aliases.get(c) ?? 'town'),
  );
  let preferred: string | null = null;
  if (b.munis.size === 1) preferred = [...b.munis][0]!;
  else if (b.munis.size === 0) {
    if (b.preferred) preferred = b.preferred;
    else if (b.aliases.size === 1) preferred = [...b.aliases.keys()][0]!;
    else if (candidates.length === 1) preferred = candidates[0]!;
  }
  return { kind, candidates, kinds, preferred };
}

/** "Bergen (NH.)" → "Bergen". */
function baseName(name: string): string {
  return name.replace(/\s*\([^)]*\)\s*$/, '');
}

function endsWithQualifier(key: string, qualifiers: Set<string>): boolean {
  const words = key.split(' ');
  return words.length > 1 && qualifiers.has(words[words.length - 1]!);
}

/**
 * The keys a municipality or town is known by: its name; without a province suffix ("Hengelo
 * (Gld)", "Haren Gn", "Bergen L" → hengelo, haren, bergen) and with the suffix's letters spaced
 * ("Bergen (N.H.)"); towns without "gem. X" or their municipality's name ("Hoogvliet Rotterdam");
 * names after "'s-" without it ("Hertogenbosch").
 */
function nameKeys(
  name: string,
  qualifiers: Set<string>,
  municipality: string | null,
  isMunicipality: (key: string) => boolean,
): Set<string> {
  const full = normalizePlace(name);
  const keys = new Set([full]);
  const paren = /^(.*?)\s*\(([^)]*)\)\s*$/.exec(name);
  if (paren) {
    const base = normalizePlace(paren[1]!);
    const letters = normalizePlace(paren[2]!).replaceAll(' ', '');
    keys.add(base);
    keys.add(`${base} ${letters}`);
    keys.add(`${base} ${[...letters].join(' ')}`);
  }
  const words = full.split(' ');
  if (words.length > 1 && qualifiers.has(words[words.length - 1]!)) {
    const base = words.slice(0, -1).join(' ');
    keys.add(base);
  }
  const gem = / gem (.+)$/.exec(full);
  if (gem) keys.add(full.slice(0, gem.index));
  // Only after a space ("West-Terschelling" is no "West"), and not when what is left is another
  // municipality ("Rotterdam-Albrandswaard" is no "Rotterdam").
  if (municipality && name.endsWith(` ${municipality}`)) {
    const base = normalizePlace(name.slice(0, -municipality.length - 1));
    if (base && !isMunicipality(base)) keys.add(base);
  }
  for (const k of [...keys]) if (k.startsWith('s ') && k.length >= 8) keys.add(k.slice(2));
  keys.delete('');
  return keys;
}

function unknown(reason: string): PlaceResolution {
  return { status: 'unknown', reason };
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 60)}…` : s;
}

// ---- one typo -----------------------------------------------------------------------------------

const FUZZY_MIN_LENGTH = 6;
const FUZZY_MAX_TOKENS = 64;

/** Symmetric-delete index: each name and each of its one-letter deletions point to the name. */
interface FuzzyIndex {
  infos: KeyInfo[];
  keys: string[];
  variants: Map<string, number[]>;
  maxLength: number;
}

function buildFuzzyIndex(keys: Map<string, KeyInfo>): FuzzyIndex {
  const index: FuzzyIndex = { infos: [], keys: [], variants: new Map(), maxLength: 0 };
  for (const [key, info] of keys) {
    // Common words, foreign homonyms and city+district pairs are no typo targets; "denhaag" for
    // "den haag" adds nothing either.
    if (!info.place || key !== info.key) continue;
    if (info.flags.has('common') || info.flags.has('foreign') || info.flags.has('combined'))
      continue;
    if (key.replaceAll(' ', '').length < FUZZY_MIN_LENGTH) continue;
    index.maxLength = Math.max(index.maxLength, key.length);
    const id = index.infos.length;
    index.infos.push(info);
    index.keys.push(key);
    for (const v of deletions(key)) {
      const ids = index.variants.get(v);
      if (!ids) index.variants.set(v, [id]);
      else if (ids[ids.length - 1] !== id) ids.push(id);
    }
  }
  return index;
}

function deletions(s: string): string[] {
  const out = [s];
  for (let i = 0; i < s.length; i++) out.push(s.slice(0, i) + s.slice(i + 1));
  return out;
}

function near(index: FuzzyIndex, s: string): Set<number> {
  const out = new Set<number>();
  for (const v of deletions(s))
    for (const id of index.variants.get(v) ?? [])
      if (withinOneEdit(s, index.keys[id]!)) out.add(id);
  return out;
}

/** Optimal string alignment distance ≤ 1: one insertion, deletion, substitution or adjacent swap. */
function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
