import type { DeviceWarning } from '../../model/devices.js';
import type { Extraction } from './extraction.js';

export type { DeviceCounts, DeviceFormat, DeviceWarning } from '../../model/devices.js';

/**
 * The normalised records a seized-device extraction yields, whatever tool or phone it came from.
 * Readers (Android, iOS, UFDR, CSV) turn their source into these; the import writes them to the
 * store. Every record keeps where it came from, so any fact can be traced back to the evidence.
 */

/** Which app a record belongs to: `native` (phone, SMS, address book), `whatsapp`, or another app's name as the source calls it (lower case). */
export type RecordApp = string;

/** Where a record was read: the file inside the extraction and the row or model in it. */
export interface Provenance {
  /** Path inside the extraction, with forward slashes (e.g. `data/data/com.whatsapp/databases/msgstore.db`). */
  file: string;
  /** SQLite table, CSV file section, or XML model type. */
  table?: string;
  /** SQLite rowid / primary key, CSV line number, or UFED model id. */
  rowId?: string;
}

/** A time as found and as understood. */
export interface Timestamp {
  /** ISO-8601 UTC (`2023-03-21T14:05:09.000Z`), null when the value could not be read. */
  utc: string | null;
  /** The value exactly as stored (number or text), as a string. */
  original: string;
  /** What the original is: `unix-ms`, `unix-s`, `apple-s`, `apple-ns`, or an offset/zone such as `+01:00` or `UTC`. */
  zone: string;
}

/** Someone on the other side of a record: as written, and as an E.164 number where it is one. */
export interface Party {
  /** The identifier as stored: a number as typed, a WhatsApp JID, an e-mail, a user name. */
  raw: string;
  /** E.164 (`+31612345678`) when `raw` is a phone number or a phone JID, else null. */
  e164: string | null;
  /** A display name where the source gives one. */
  name?: string | null;
}

export interface DeviceContactRecord {
  kind: 'contact';
  app: RecordApp;
  name: string | null;
  phones: (Party & { label: string | null })[];
  emails: string[];
  prov: Provenance;
}

export interface DeviceCallRecord {
  kind: 'call';
  app: RecordApp;
  direction: 'incoming' | 'outgoing' | 'missed' | 'unknown';
  party: Party | null;
  at: Timestamp;
  durationSeconds: number | null;
  video: boolean;
  prov: Provenance;
}

export interface DeviceChatRecord {
  kind: 'chat';
  app: RecordApp;
  /** The chat's id in its source (thread id, JID, ZCONTACTJID, UFED chat id); unique per app within one extraction. */
  key: string;
  group: boolean;
  subject: string | null;
  /** For a direct chat the other party; for a group its members (the owner included where listed). */
  participants: Party[];
  createdAt: Timestamp | null;
  prov: Provenance;
}

export interface DeviceAttachment {
  fileName: string | null;
  mimeType: string | null;
  bytes: number | null;
}

export interface DeviceMessageRecord {
  kind: 'message';
  app: RecordApp;
  /** The `key` of the chat this message is in (same app), null when the source has no thread. */
  chatKey: string | null;
  direction: 'incoming' | 'outgoing' | 'unknown';
  /** Who sent it: for outgoing messages the owner (where known), for incoming the other party. */
  sender: Party | null;
  at: Timestamp;
  text: string | null;
  attachments: DeviceAttachment[];
  prov: Provenance;
}

export interface DeviceAccountRecord {
  kind: 'account';
  app: RecordApp;
  /** Phone number, user name or e-mail. */
  identifier: string;
  displayName: string | null;
  prov: Provenance;
}

export type DeviceRecord =
  | DeviceContactRecord
  | DeviceCallRecord
  | DeviceChatRecord
  | DeviceMessageRecord
  | DeviceAccountRecord;

/**
 * What a reader gets: where to send records and warnings, and the country to read local numbers
 * in. Readers never throw for bad input: a file that cannot be read is a warning, and the rest of
 * the extraction is still read.
 */
export interface ReadSink {
  /** ISO 3166-1 alpha-2 hint for numbers without a country code (the SIM's country; default NL). */
  country: string;
  record(r: DeviceRecord): void;
  warn(w: DeviceWarning): void;
  /** The device owner's own numbers (E.164) and accounts, as the extraction states them. */
  owner(o: { phones?: string[]; accounts?: string[] }): void;
  /**
   * Lets the sink write out what it holds. Readers are async and await this at least every 2,000
   * records, so memory stays flat however big the extraction is.
   */
  drain(): Promise<void>;
}

/** What a reader of a file-system extraction looks like (Android, iOS). */
export type ExtractionReader = (x: Extraction, sink: ReadSink) => Promise<void>;
