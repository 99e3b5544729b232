/**
 * What a seized phone holds, independent of how a forensic tool stores it. The world decides the
 * content (who talks to whom, about what); a writer per format (Android file system, iOS file
 * system, Cellebrite UFDR) lays exactly these records down in that format's real schema.
 *
 * Counting rule (the truth an importer is scored against): every record here becomes exactly one
 * row/model in the output, so `contacts.length` contacts, `calls.length` calls, and so on.
 */

/** ISO-8601 UTC, e.g. `2023-03-21T14:05:09.000Z`. */
export type Instant = string;

/** E.164, e.g. `+31612345678`. */
export type E164 = string;

export type Platform = 'android' | 'ios';

/** Which app a record belongs to. */
export type App = 'native' | 'whatsapp';

export interface DeviceContact {
  /** Stable id within the device, 1-based; writers may use it as a row id. */
  id: number;
  app: App;
  displayName: string;
  /** First and last name where the owner typed them; WhatsApp contacts often have only a display name. */
  givenName: string | null;
  familyName: string | null;
  phones: { number: E164; label: 'mobile' | 'home' | 'work' | 'other' }[];
  emails: string[];
}

export interface DeviceCall {
  id: number;
  app: App;
  /** The other party. */
  number: E164;
  direction: 'incoming' | 'outgoing' | 'missed';
  at: Instant;
  durationSeconds: number;
  video: boolean;
}

export interface DeviceChat {
  id: number;
  app: App;
  kind: 'direct' | 'group';
  /** Direct chats: the other party. */
  peer: E164 | null;
  /** Group chats: the subject, the creator and the members (the owner included). */
  subject: string | null;
  creator: E164 | null;
  members: E164[];
  createdAt: Instant;
}

export interface DeviceAttachment {
  fileName: string;
  mimeType: string;
  bytes: number;
}

export interface DeviceMessage {
  id: number;
  chatId: number;
  app: App;
  direction: 'incoming' | 'outgoing';
  /** Sender for incoming messages (needed in groups), the owner's number for outgoing ones. */
  sender: E164;
  at: Instant;
  /** Null for a message that is only an attachment. */
  text: string | null;
  attachment: DeviceAttachment | null;
  read: boolean;
}

export interface DeviceAccount {
  app: 'whatsapp' | 'telegram' | 'google' | 'icloud' | 'snapchat';
  /** Phone number for WhatsApp, a user name or e-mail for the others. */
  identifier: string;
  displayName: string | null;
}

export interface DeviceExtraction {
  /** e.g. `dev-003`; also the folder name under devices/. */
  id: string;
  /** The evidence number written on the bag at the control, e.g. `PL1300-2023-000123-01`. */
  evidenceNumber: string;
  platform: Platform;
  /** How it was extracted: a file-system folder, or a Cellebrite UFDR. */
  format: 'android-fs' | 'ios-fs' | 'ufdr';
  model: string;
  osVersion: string;
  /** The person in the world who used it. */
  ownerId: string;
  ownerName: string;
  ownerNumbers: E164[];
  /** ISO 3166-1 alpha-2 of the SIM's country, the hint for numbers written without a country code. */
  simCountry: string;
  /** Android only: the WhatsApp msgstore.db schema generation. */
  whatsappSchema: 'current' | 'legacy';
  /** When the extraction was made (fixes file times in containers, for reproducible bytes). */
  extractedAt: Instant;
  contacts: DeviceContact[];
  calls: DeviceCall[];
  chats: DeviceChat[];
  messages: DeviceMessage[];
  accounts: DeviceAccount[];
}

export interface DeviceCounts {
  contacts: number;
  calls: number;
  chats: number;
  messages: number;
  accounts: number;
  /** Messages with an attachment. */
  media: number;
}

export function countsOf(d: DeviceExtraction): DeviceCounts {
  return {
    contacts: d.contacts.length,
    calls: d.calls.length,
    chats: d.chats.length,
    messages: d.messages.length,
    accounts: d.accounts.length,
    media: d.messages.filter((m) => m.attachment !== null).length,
  };
}

/** A writer lays one extraction down under `dir` and returns the files it wrote (relative paths). */
export type DeviceWriter = (dir: string, device: DeviceExtraction) => Promise<string[]>;
