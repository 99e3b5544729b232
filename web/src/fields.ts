/** The fields of a capture (title, text, name, contact.…) in reading order and in words. */
import { contactLabel } from './contacts';
import type { I18n } from './i18n';

/** The fields in the order a reader expects them; contact fields and any others follow. */
export const FIELD_ORDER = [
  'title',
  'text',
  'name',
  'age',
  'location',
  'phone',
  'price',
  'category',
  'posted_at',
  'url',
] as const;
type KnownField = (typeof FIELD_ORDER)[number];

function isKnownField(field: string): field is KnownField {
  return (FIELD_ORDER as readonly string[]).includes(field);
}

export function fieldLabel(t: I18n['t'], field: string): string {
  if (isKnownField(field)) return t(`field.${field}`);
  if (field.startsWith('contact.'))
    return t('field.contact', { kind: contactLabel(t, field.slice(8)) });
  return field;
}

/** A field's value; own properties only, whatever name the data uses. */
export function fieldValue(fields: Record<string, string>, name: string): string | undefined {
  return Object.hasOwn(fields, name) ? fields[name] : undefined;
}

export function sortFields(names: Iterable<string>): string[] {
  const rank = (name: string) => {
    const known = (FIELD_ORDER as readonly string[]).indexOf(name);
    if (known >= 0) return known;
    return name.startsWith('contact.') ? FIELD_ORDER.length : FIELD_ORDER.length + 1;
  };
  return [...new Set(names)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}
