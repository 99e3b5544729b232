import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { load, type CheerioAPI } from 'cheerio';

/**
 * Saved ad pages, read through a *site profile*: a small declarative JSON file per site that says
 * which CSS selector holds which capture field. Parsed with a real HTML parser (cheerio/parse5),
 * never with regular expressions over markup.
 *
 * ```json
 * { "source": "escortgids.test", "match": "escortgids\\.test/",
 *   "fields": { "source_id": { "selector": "article[data-ad-id]", "attr": "data-ad-id" },
 *               "title": "h1", "text": ".ad-text", "phone": { "selector": "a[href^='tel:']", "attr": "href", "pattern": "tel:(.+)" },
 *               "contact.whatsapp": { "selector": "a[href*='wa.me']", "attr": "href" } },
 *   "images": { "selector": ".photos img", "attr": "src" } }
 * ```
 */
export type FieldRule =
  string | { selector: string; attr?: string; pattern?: string; all?: boolean };

export interface SiteProfile {
  source: string;
  /** A regular expression tested against the page's address (canonical link, og:url or the browser's "saved from" comment). */
  match?: string;
  fields: Record<string, FieldRule>;
  images?: { selector: string; attr?: string };
}

export function readSiteProfile(path: string): SiteProfile {
  let p: unknown;
  try {
    p = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`${path}: not a JSON site profile (${(e as Error).message})`);
  }
  const profile = p as Partial<SiteProfile>;
  if (typeof profile.source !== 'string' || typeof profile.fields !== 'object' || !profile.fields)
    throw new Error(`${path}: a site profile needs "source" and "fields"`);
  for (const [field, rule] of Object.entries(profile.fields)) {
    const selector = typeof rule === 'string' ? rule : rule?.selector;
    if (typeof selector !== 'string') throw new Error(`${path}: field "${field}" needs a selector`);
  }
  return profile as SiteProfile;
}

/** The address a saved page came from, as far as the page says. */
export function pageAddress($: CheerioAPI, html: string): string | null {
  const saved = /<!--\s*saved from url=\(\d+\)(\S+)\s*-->/i.exec(html.slice(0, 4096));
  return (
    $('link[rel="canonical"]').attr('href') ??
    $('meta[property="og:url"]').attr('content') ??
    saved?.[1] ??
    null
  );
}

function textOf($: CheerioAPI, el: Parameters<CheerioAPI>[0]): string {
  const node = $(el).clone();
  // Line breaks are part of how an ad reads (and where numbers are split).
  node.find('br').replaceWith('\n');
  node.find('p, div, li').after('\n');
  return node
    .text()
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function apply($: CheerioAPI, rule: FieldRule): string | undefined {
  const r = typeof rule === 'string' ? { selector: rule } : rule;
  const els = $(r.selector);
  if (els.length === 0) return undefined;
  const values = (r.all ? els.toArray() : [els.get(0)!]).map((el) =>
    r.attr ? ($(el).attr(r.attr) ?? '') : textOf($, el),
  );
  let value = values.filter(Boolean).join('\n');
  if (r.pattern) {
    const m = new RegExp(r.pattern).exec(value);
    if (!m) return undefined;
    value = m[1] ?? m[0];
  }
  return value.trim() || undefined;
}

export interface HtmlCapture {
  sha256: string;
  record: Record<string, unknown>;
  /** Fields the profile named that the page did not have. */
  missing: string[];
  capturedAtFromFile: boolean;
}

/** Picks the profile whose `match` fits the page's address (or the only profile there is). */
export function chooseProfile(
  profiles: readonly SiteProfile[],
  address: string | null,
): SiteProfile | undefined {
  if (profiles.length === 1 && !profiles[0]!.match) return profiles[0];
  return profiles.find((p) => p.match && address && new RegExp(p.match).test(address));
}

/** Reads one saved page into a capture. Throws with the reason when no profile fits. */
export function readHtmlPage(path: string, profiles: readonly SiteProfile[]): HtmlCapture {
  const bytes = readFileSync(path);
  const html = bytes.toString('utf8');
  const $ = load(html);
  const address = pageAddress($, html);
  const profile = chooseProfile(profiles, address);
  if (!profile)
    throw new Error(
      profiles.length === 0
        ? 'an HTML page needs a site profile (--profile FILE)'
        : `no site profile matches this page (address ${address ?? 'unknown'})`,
    );
  const record: Record<string, unknown> = { source: profile.source };
  const contact: Record<string, string> = {};
  const missing: string[] = [];
  for (const [field, rule] of Object.entries(profile.fields)) {
    const value = apply($, rule);
    if (value === undefined) {
      missing.push(field);
      continue;
    }
    if (field.startsWith('contact.')) contact[field.slice(8)] = value;
    else record[field] = value;
  }
  if (Object.keys(contact).length) record.contact = contact;
  if (record.url === undefined && address) record.url = address;
  if (record.text === undefined) record.text = '';
  if (profile.images) {
    const attr = profile.images.attr ?? 'src';
    const refs = $(profile.images.selector)
      .toArray()
      .map((el) => $(el).attr(attr))
      .filter((s): s is string => Boolean(s));
    record.images = refs.map((s) => (/^https?:\/\//.test(s) ? { url: s } : { file: s }));
  }
  // A saved page rarely says when it was saved; the file's time is the best witness left.
  const capturedAtFromFile = record.captured_at === undefined;
  if (capturedAtFromFile) record.captured_at = statSync(path).mtime.toISOString();
  record.html = html;
  return {
    sha256: createHash('sha256').update(bytes).digest('hex'),
    record,
    missing,
    capturedAtFromFile,
  };
}
