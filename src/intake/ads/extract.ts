import type { CaptureInput } from './capture.js';
import { findAge } from './age.js';
import { findContacts } from './contacts.js';
import { detectLanguage } from './language.js';
import { findOrigins } from './origin.js';
import { findPhones } from './phones.js';
import type { PlaceResolver } from './places.js';
import { pricePerHour } from './price.js';
import { findServices } from './services.js';
import type { ContactKind, Extraction, FieldName, Span, TextMatch } from './types.js';

export type { Extraction };

/**
 * Everything extraction reads from one capture, each value with the spans it came from. Stored
 * with the capture as JSON; the version says which extractor wrote it, so a better extractor can
 * re-run over old captures.
 */
export const EXTRACTOR_VERSION = 1;

const CONTACT_KINDS: ReadonlySet<string> = new Set<ContactKind>([
  'whatsapp',
  'telegram',
  'snapchat',
  'onlyfans',
  'instagram',
  'website',
  'email',
]);

/** The text fields of a capture in a fixed order: where phones and handles are looked for. */
export function textFields(c: CaptureInput): [FieldName, string][] {
  const out: [FieldName, string][] = [];
  const add = (field: FieldName, value: string | undefined) => {
    if (value) out.push([field, value]);
  };
  add('phone', c.phone);
  add('title', c.title);
  add('text', c.text);
  for (const [k, v] of Object.entries(c.contact ?? {})) add(`contact.${k}`, v);
  return out;
}

function span(field: FieldName, m: TextMatch): Span {
  return { field, start: m.start, end: m.end };
}

/** Collects values found in several places under one key, keeping every span. */
class Collector<T extends { spans: Span[] }> {
  private readonly byKey = new Map<string, T>();
  add(key: string, make: () => T, at: Span): T {
    let item = this.byKey.get(key);
    if (!item) this.byKey.set(key, (item = make()));
    item.spans.push(at);
    return item;
  }
  values(): T[] {
    return [...this.byKey.values()];
  }
}

export function extractCapture(c: CaptureInput, places: PlaceResolver): Extraction {
  const fields = textFields(c);

  const phones = new Collector<Extraction['phones'][number]>();
  const contacts = new Collector<Extraction['contacts'][number]>();
  for (const [field, value] of fields) {
    for (const p of findPhones(value)) {
      const item = phones.add(
        p.e164,
        () => ({ e164: p.e164, country: p.country, obscured: false, forms: [], spans: [] }),
        span(field, p),
      );
      item.obscured ||= p.obscured;
      if (!item.forms.includes(p.form)) item.forms.push(p.form);
    }
    const found = findContacts(value);
    for (const h of found)
      contacts.add(
        `${h.kind}:${h.value}`,
        () => ({ kind: h.kind, value: h.value, spans: [] }),
        span(field, h),
      );
    // A contact field that names its kind holds a handle even when written bare ("sofia_22").
    const kind = field.startsWith('contact.') ? field.slice(8) : '';
    if (found.length === 0 && CONTACT_KINDS.has(kind) && kind !== 'whatsapp') {
      const handle = value.trim().replace(/^@/, '').toLowerCase();
      if (/^[\p{L}\p{N}._-]{2,64}$/u.test(handle))
        contacts.add(
          `${kind}:${handle}`,
          () => ({ kind: kind as ContactKind, value: handle, spans: [] }),
          {
            field,
            start: value.indexOf(value.trim()),
            end: value.indexOf(value.trim()) + value.trim().length,
          },
        );
    }
  }

  const text = c.text;
  const title = c.title ?? '';
  const ageInText = findAge(c.age, text);
  const ageInTitle = ageInText || !title ? null : findAge(undefined, title);
  const age = ageInText
    ? { years: ageInText.found.years, span: span(ageInText.field, ageInText.found) }
    : ageInTitle
      ? { years: ageInTitle.found.years, span: span('title', ageInTitle.found) }
      : null;

  const priceInText = pricePerHour(c.price, text);
  const priceInTitle = priceInText || !title ? null : pricePerHour(undefined, title);
  const priceHit = priceInText ?? priceInTitle;
  const price = priceHit
    ? {
        amount: priceHit.found.amount,
        minutes: priceHit.found.minutes,
        eurPerHour: priceHit.found.eurPerHour,
        assumedHourly: priceHit.found.assumedHourly === true,
        span: span(priceInText ? priceHit.field : 'title', priceHit.found),
      }
    : null;

  const services = new Collector<Extraction['services'][number]>();
  const origins = new Collector<Extraction['origins'][number]>();
  for (const [field, value] of [
    ['title', title],
    ['text', text],
  ] as const) {
    if (!value) continue;
    for (const s of findServices(value))
      services.add(s.code, () => ({ code: s.code, spans: [] }), span(field, s));
    for (const o of findOrigins(value))
      origins.add(o.code, () => ({ code: o.code, spans: [] }), span(field, o));
  }

  return {
    phones: phones.values(),
    contacts: contacts.values(),
    age,
    price,
    services: services.values(),
    origins: origins.values(),
    language: detectLanguage(title ? `${title}\n${text}` : text),
    place: resolvePlace(c, places),
  };
}

function resolvePlace(c: CaptureInput, places: PlaceResolver): Extraction['place'] {
  const title = c.title ?? '';
  const context = `${title}\n${c.text}`;
  const location = c.location ?? '';
  const r = places.resolve(location, context);
  if (r.status === 'unknown') return r;
  // With no location field the place was read from the context: map it back to title or text.
  const fromContext = location.trim() === '';
  let at: Span = { field: 'location', start: r.match.start, end: r.match.end };
  if (fromContext) {
    at =
      r.match.start < title.length
        ? { field: 'title', start: r.match.start, end: r.match.end }
        : {
            field: 'text',
            start: r.match.start - title.length - 1,
            end: r.match.end - title.length - 1,
          };
  }
  if (r.status === 'ambiguous')
    return { status: 'ambiguous', candidates: r.candidates, reason: r.reason, span: at };
  const { match: _match, ...rest } = r;
  return { ...rest, span: at };
}
