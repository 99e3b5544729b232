/**
 * What extraction finds in a capture, and where. Every value carries the spans it was read from,
 * so the ad page can highlight it and every later conclusion can quote its evidence.
 */

/** The capture fields extraction reads; contact fields appear as `contact.whatsapp`, … */
export type FieldName =
  | 'title'
  | 'text'
  | 'name'
  | 'age'
  | 'location'
  | 'phone'
  | 'price'
  | 'category'
  | `contact.${string}`;

/** A stretch of one field, in UTF-16 code units: `value.slice(start, end)` is what was read. */
export interface Span {
  field: FieldName;
  start: number;
  end: number;
}

/** A match inside one string, before it is tied to a field. */
export interface TextMatch {
  start: number;
  end: number;
}

export interface FoundPhone extends TextMatch {
  /** E.164, e.g. `+31612345678`. */
  e164: string;
  /** ISO 3166 country of the number, when libphonenumber knows it. */
  country: string | null;
  /** Written to dodge filters: letters for digits, keycaps, full-width, spelled out, split up. */
  obscured: boolean;
  /** How it was written: `plain`, `international`, `letters`, `keycap`, `fullwidth`, `spelled`, `whatsapp-link`, … */
  form: string;
}

export type ContactKind =
  'whatsapp' | 'telegram' | 'snapchat' | 'onlyfans' | 'instagram' | 'website' | 'email';

export interface FoundContact extends TextMatch {
  kind: ContactKind;
  /** Normalised: lower-case handle without `@`, e-mail `name@domain`, website host + path without scheme or `www.`; for whatsapp links the E.164 number. */
  value: string;
}

export interface FoundAge extends TextMatch {
  years: number;
}

export interface FoundPrice extends TextMatch {
  /** The amount as written, in euro. */
  amount: number;
  /** The duration it buys, in minutes, when stated (`p/u` = 60, `half uur` = 30); null if not. */
  minutes: number | null;
  /** `amount` scaled to one hour when a duration is known; null otherwise. */
  eurPerHour: number | null;
  /** True when no duration was written and the price field's amount was taken as hourly. */
  assumedHourly?: boolean;
}

export interface FoundService extends TextMatch {
  /** A code from the services list in services.ts, e.g. `gfe`, `unprotected`, `anal`. */
  code: string;
}

export interface FoundOrigin extends TextMatch {
  /** ISO 3166-1 alpha-2 of a stated nationality (`CO` for "Colombiaanse"), or a region code `latina`, `african`, `asian`, `eastern-european`. */
  code: string;
}

export interface Language {
  /** ISO 639-1, or null when the text is too short to tell. */
  language: string | null;
  /** Dominant script: `Latn`, `Cyrl`, `Thai`, `Arab`, … */
  script: string | null;
}

export type PlaceResolution =
  | {
      status: 'resolved';
      municipalityCode: string;
      municipality: string;
      safetyRegionCode: string;
      policeUnit: string;
      /** Why: `municipality`, `town`, `alias`, `district`, `context`. */
      via: string;
      match: TextMatch;
    }
  | {
      status: 'ambiguous';
      /** The municipality codes it could be. */
      candidates: string[];
      reason: string;
      match: TextMatch;
    }
  | { status: 'unknown'; reason: string };

/**
 * Everything extraction reads from one capture, each value with the spans it came from; stored
 * with the capture as JSON and shown on the ad page.
 */
export interface Extraction {
  phones: {
    e164: string;
    country: string | null;
    obscured: boolean;
    forms: string[];
    spans: Span[];
  }[];
  contacts: { kind: ContactKind; value: string; spans: Span[] }[];
  age: { years: number; span: Span } | null;
  price: {
    amount: number;
    minutes: number | null;
    eurPerHour: number | null;
    assumedHourly: boolean;
    span: Span;
  } | null;
  services: { code: string; spans: Span[] }[];
  origins: { code: string; spans: Span[] }[];
  language: Language;
  place:
    | (Extract<PlaceResolution, { status: 'resolved' }> extends infer R
        ? Omit<R, 'match'> & { span: Span }
        : never)
    | { status: 'ambiguous'; candidates: string[]; reason: string; span: Span }
    | { status: 'unknown'; reason: string };
}
