/** Kinds of contact point read from ads (phone, messenger handles, web, e-mail), in words. */
import type { I18n } from './i18n';

export const CONTACT_KINDS = [
  'phone',
  'whatsapp',
  'telegram',
  'snapchat',
  'onlyfans',
  'instagram',
  'website',
  'email',
] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

export function isContactKind(kind: string): kind is ContactKind {
  return (CONTACT_KINDS as readonly string[]).includes(kind);
}

/** "telegram" → "Telegram"; an unknown kind is shown as it is. */
export function contactLabel(t: I18n['t'], kind: string): string {
  return isContactKind(kind) ? t(`contact.${kind}`) : kind;
}
