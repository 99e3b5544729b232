/**
 * Synthetic Cellebrite UFDR: one zip `<dir>/<device.id>.ufdr` holding `report.xml` (a Cellebrite
 * Physical Analyzer "UFED report", namespace http://pa.cellebrite.com/report/2.0) and the
 * attachment files it points at. Everything is synthetic.
 *
 * Record → model (the counting rule: every record becomes exactly one model of its type; nested
 * helper models — Party, PhoneNumber, EmailAddress, UserID — are not records):
 *
 * | record                | model                                                             |
 * | --------------------- | ----------------------------------------------------------------- |
 * | contact (any app)     | `<modelType type="Contact">` / Contact                            |
 * | call (any app)        | `<modelType type="Call">` / Call                                  |
 * | chat (any app)        | `<modelType type="Chat">` / Chat                                  |
 * | message (any app)     | InstantMessage inside its Chat's `Messages` multiModelField       |
 * | message's attachment  | Attachment inside the InstantMessage's `Attachments`, + one file  |
 * | account (any app)     | `<modelType type="UserAccount">` / UserAccount                    |
 *
 * Native text messages are InstantMessages of a Chat too (Source "Native Messages" on Android,
 * "iMessage" on iOS), not `SMS` models: so every chat — native or WhatsApp — is one Chat model
 * and every message sits exactly once, inside its chat. There is no `SMS` modelType.
 *
 * Element shapes follow the public IPED fixtures (ufed-model-chat.xml, ufed-model-useraccount.xml):
 * `<field name type><value type><![CDATA[…]]></value></field>`, `<empty />`,
 * `<modelField>` / `<multiModelField>` holding `<model>`, timestamps as `<value type="TimeStamp"
 * format="TimeStampKnown" formattedTimestamp="…+00:00">…SSS+00:00</value>`. The field names of
 * Chat, InstantMessage, Party, Attachment, Contact (and its UserID / PhoneNumber entries) and
 * UserAccount are those of the fixtures; UserAccount also carries the older `Username` /
 * `ServiceType` fields. The Call model (no public fixture) has Source, Direction, Type
 * (Incoming/Outgoing/Missed, the field IPED reads), TimeStamp, Duration (TimeSpan), VideoCall
 * and Parties. The wrapper (`<project>`, `<sourceExtractions>`, `<caseInformation>`,
 * `<metadata section=…>`, `<taggedFiles>`, `<decodedData>`) follows IPED's UfedXmlReader and
 * published report.xml excerpts: extraction start as `dd/MM/yyyy HH:mm:ss(UTC+0)`, files tagged
 * with `<item name="Local Path">` = the zip path with backslashes, referenced from Attachment
 * models by `file_id` and `attachment_extracted_path`.
 *
 * Identifiers: WhatsApp parties are JIDs (`<digits>@s.whatsapp.net`; groups
 * `<creator digits>-<created unix s>@g.us`, like the Android writer), native parties E.164. Every
 * `id` is a UUID derived from the device id and the record, so the bytes are reproducible.
 *
 * How to read the meaning back:
 * - Sections in the order Call, Chat, Contact, UserAccount; a type without records has no
 *   section. Top-level models sit directly in their `<modelType>`; Party models carry
 *   deleted_state "Unknown" as in the fixtures, all other models "Intact".
 * - Chat: `Id` is the chat JID (WhatsApp) or the peer's number (native direct; a native group's
 *   thread id), `Name` a group's subject, `StartTime` its creation, `Participants` every member
 *   with `IsPhoneOwner` True for the owner and `IsGroupAdmin` True for a group's creator.
 * - InstantMessage: direction from `From` (`IsPhoneOwner` True = outgoing); an outgoing message's
 *   `To` lists the other members, an incoming one has an empty `To` (as in the fixture).
 *   `Status` Sent (outgoing) / Read / Unread (incoming). `Body` is the text or `<empty />` for an
 *   attachment-only message. Times are UTC.
 * - Call: `Type` Incoming / Outgoing / Missed, `Direction` Incoming (also for missed) / Outgoing,
 *   `Parties` From and To with the owner marked; `Duration` hh:mm:ss.
 * - Contact: `Entries` hold PhoneNumber models (Category Mobile/Home/Work/Other, Value as the
 *   owner typed it: national in the SIM's country, else international), EmailAddress models, and
 *   for WhatsApp contacts a UserID with the JID. UserAccount: `Username` the JID (WhatsApp) or
 *   the identifier, plus a UserID entry (and a PhoneNumber entry for WhatsApp).
 * - Text that XML 1.0 cannot carry at all (C0 controls other than tab/LF/CR, lone surrogates,
 *   U+FFFE/U+FFFF) is written as U+FFFD; everything else survives (CDATA, `]]>` split).
 *
 * Attachment files: deterministic placeholder bytes (a magic header for the MIME type, then
 * pseudo-random bytes) of the stated size, capped at 64 KiB; `Data` keeps the stated size, the
 * tagged file's `size` is the size written.
 *
 * Streaming: report.xml is produced chunk by chunk from generators ({@link reportXml}) and fed
 * through yazl, so a report of millions of messages is written in flat memory;
 * {@link writeUfdrStream} is the low-level entry a benchmark can feed its own chunks to, and
 * {@link writeLargeReport} writes a report of any requested size (a bare report.xml or a .ufdr)
 * from chats generated one at a time.
 * Reproducible bytes: fixed entry order (report.xml first, then the files in message order), one
 * fixed time on every entry (DOS time fields = the UTC wall time of `extractedAt`, no extended
 * timestamp field, so the bytes do not depend on the machine's time zone), fixed deflate
 * settings for report.xml, files stored.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import yazl from 'yazl';
import { Random } from '../random.js';
import type {
  DeviceAccount,
  DeviceAttachment,
  DeviceCall,
  DeviceChat,
  DeviceContact,
  DeviceCounts,
  DeviceExtraction,
  DeviceMessage,
  DeviceWriter,
  E164,
  Instant,
} from './model.js';

// ---------------------------------------------------------------------------------------------
// Shared helpers (also used by the iOS writer)

/** A UUID (version-5 layout, lowercase) derived from a seed string. */
export function stableUuid(seed: string): string {
  const b = createHash('sha256').update(seed).digest();
  b[6] = (b[6]! & 0x0f) | 0x50;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.subarray(0, 16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Upper-case hex digest prefix of a seed. */
export function stableHex(seed: string, length: number): string {
  return createHash('sha256').update(seed).digest('hex').slice(0, length).toUpperCase();
}

/** Attachment files are placeholders of the stated size, but never bigger than this. */
export const MAX_PLACEHOLDER_BYTES = 64 * 1024;

const MAGIC: [prefix: string, bytes: number[]][] = [
  ['image/jpeg', [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]],
  ['image/png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['image/gif', [0x47, 0x49, 0x46, 0x38, 0x39, 0x61]],
  ['image/webp', [0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x45, 0x42, 0x50]],
  ['video/', [0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x6d, 0x70, 0x34, 0x32]],
  ['audio/ogg', [0x4f, 0x67, 0x67, 0x53]],
  ['audio/amr', [0x23, 0x21, 0x41, 0x4d, 0x52, 0x0a]],
  ['audio/', [0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x4d, 0x34, 0x41, 0x20]],
  ['application/pdf', [0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34, 0x0a]],
];

/**
 * Deterministic stand-in bytes for a media file: the format's magic header (so type sniffing
 * works), then xorshift noise seeded from `seed`; `min(size, MAX_PLACEHOLDER_BYTES)` long.
 */
export function placeholderMedia(seed: string, mimeType: string, size: number): Buffer {
  const n = Math.max(0, Math.min(Math.floor(size), MAX_PLACEHOLDER_BYTES));
  const out = Buffer.alloc(n);
  let x = createHash('sha256').update(seed).digest().readUInt32LE(0) || 0x9e3779b9;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  const magic = MAGIC.find(([prefix]) => mimeType.toLowerCase().startsWith(prefix))?.[1];
  if (magic) Buffer.from(magic).copy(out, 0, 0, Math.min(magic.length, n));
  return out;
}

/** How the owner would have typed a number: national in the SIM's country, else international. */
export function typedNumber(e164: E164, simCountry: string): string {
  const p = parsePhoneNumberFromString(e164);
  if (!p) return e164;
  return p.country === simCountry.toUpperCase() ? p.formatNational() : p.formatInternational();
}

export function digitsOf(e164: E164): string {
  if (!/^\+\d{6,15}$/.test(e164)) throw new Error(`not an E.164 number: ${e164}`);
  return e164.slice(1);
}

/** WhatsApp user JID of a number. */
export function userJid(e164: E164): string {
  return `${digitsOf(e164)}@s.whatsapp.net`;
}

/** WhatsApp JID of a chat: the peer, or `<creator>-<created unix s>@g.us` for a group. */
export function chatJid(chat: DeviceChat): string {
  if (chat.kind === 'direct') {
    if (!chat.peer) throw new Error(`direct chat ${chat.id} has no peer`);
    return userJid(chat.peer);
  }
  const creator = chat.creator ?? chat.members[0];
  if (!creator) throw new Error(`group chat ${chat.id} has neither creator nor members`);
  return `${digitsOf(creator)}-${Math.floor(Date.parse(chat.createdAt) / 1000)}@g.us`;
}

/** Folder Cellebrite sorts a file into under `files/`. */
export function mediaCategory(mimeType: string): 'Image' | 'Video' | 'Audio' | 'Text' {
  const m = mimeType.toLowerCase();
  if (m.startsWith('image/')) return 'Image';
  if (m.startsWith('video/')) return 'Video';
  if (m.startsWith('audio/')) return 'Audio';
  return 'Text';
}

// ---------------------------------------------------------------------------------------------
// XML text

/** XML 1.0 cannot carry these at all (not even as references): replaced by U+FFFD. */
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function xmlSafe(s: string): string {
  return s.replace(NOT_XML, '\uFFFD');
}

/** A CDATA section; `]]>` inside is split over two sections. */
export function cdata(s: string): string {
  return `<![CDATA[${xmlSafe(s).replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

export function attr(s: string): string {
  return xmlSafe(s)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll('\n', '&#10;')
    .replaceAll('\r', '&#13;')
    .replaceAll('\t', '&#9;');
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `2023-03-28T18:55:00.000+00:00` and `2023-03-28T18:55:00+00:00`, as Cellebrite writes UTC. */
function ufedTime(iso: Instant): { value: string; formatted: string } {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) throw new Error(`not a time: ${iso}`);
  const d = new Date(t);
  const base = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return { value: `${base}.${pad(d.getUTCMilliseconds(), 3)}+00:00`, formatted: `${base}+00:00` };
}

/** `03/04/2023 09:00:00`, the day-first local format of the report's metadata items. */
function ufedDayFirst(iso: Instant): string {
  const d = new Date(Date.parse(iso));
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

function timeSpan(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}

const ind = (depth: number) => '    '.repeat(depth);

/** Builds one XML fragment with the report's indentation. */
class Frag {
  private readonly parts: string[] = [];
  constructor(private depth: number) {}

  line(s: string): this {
    this.parts.push(`${ind(this.depth)}${s}\n`);
    return this;
  }

  open(s: string): this {
    this.line(s);
    this.depth++;
    return this;
  }

  close(s: string): this {
    this.depth--;
    return this.line(s);
  }

  /** A typed field: `value` null gives `<empty />`. */
  field(name: string, type: string, value: string | null): this {
    this.open(`<field name="${attr(name)}" type="${type}">`);
    if (value === null) this.line('<empty />');
    else this.line(`<value type="${type}">${cdata(value)}</value>`);
    return this.close('</field>');
  }

  str(name: string, value: string | null | undefined): this {
    return this.field(name, 'String', value ?? null);
  }

  bool(name: string, value: boolean | null): this {
    return this.field(name, 'Boolean', value === null ? null : value ? 'True' : 'False');
  }

  time(name: string, iso: Instant | null): this {
    this.open(`<field name="${attr(name)}" type="TimeStamp">`);
    if (iso === null) this.line('<empty />');
    else {
      const t = ufedTime(iso);
      this.line(
        `<value type="TimeStamp" format="TimeStampKnown" formattedTimestamp="${t.formatted}">${t.value}</value>`,
      );
    }
    return this.close('</field>');
  }

  /** `<model …>` with the attributes every model of the report carries. */
  model(type: string, id: string, deleted = 'Intact', extra = ''): this {
    return this.open(
      `<model type="${type}" id="${id}" deleted_state="${deleted}" decoding_confidence="High" isrelated="False" extractionId="0"${extra}>`,
    );
  }

  endModel(): this {
    return this.close('</model>');
  }

  emptyMulti(name: string, type: string): this {
    return this.line(`<multiModelField name="${name}" type="${type}" />`);
  }

  text(): string {
    return this.parts.join('');
  }
}

// ---------------------------------------------------------------------------------------------
// Low-level streaming writer

/** The header of a report: the `<project>` element and the sections before `<taggedFiles>`. */
export interface UfdrProject {
  id: string;
  name: string;
  reportVersion: string;
  /** `FileSystem`, `Physical`, `Logical`, … */
  extractionType: string;
  extraction: { name: string; type: string; deviceName: string; fullName: string };
  /** `<caseInformation>` fields: label, fieldType, value. */
  caseInformation: [name: string, fieldType: string, value: string][];
  /** `<metadata section=…>` blocks; `sourceExtraction` marks items of extraction 0. */
  metadata: {
    section: string;
    items: { name: string; value: string; sourceExtraction?: boolean; id?: string }[];
  }[];
}

/** A file in `<taggedFiles>`: where it was on the device and where it is in the zip. */
export interface UfdrTaggedFile {
  id: string;
  /** Path on the device, `/`-separated, starting with `/`. */
  devicePath: string;
  /** Path inside the zip, `/`-separated (written with backslashes in `Local Path`). */
  zipPath: string;
  size: number;
  sha256: string;
  /** `Image`, `Video`, `Audio`, `Text`. */
  tag: string;
  createdAt: Instant;
}

/** One `<modelType>` section: its models as XML chunks (any chunking; each may be small). */
export interface UfdrSection {
  type: string;
  chunks: Iterable<string> | AsyncIterable<string>;
}

/** A zip entry after report.xml; `bytes` is called only when the entry is written. */
export interface UfdrZipEntry {
  path: string;
  size: number;
  bytes: () => Buffer;
}

/** report.xml as a stream of chunks. */
export async function* reportXml(
  project: UfdrProject,
  taggedFiles: Iterable<UfdrTaggedFile>,
  sections: Iterable<UfdrSection>,
): AsyncGenerator<string> {
  const ex = project.extraction;
  const head = new Frag(0)
    .line('<?xml version="1.0" encoding="utf-8"?>')
    .open(
      `<project id="${attr(project.id)}" name="${attr(project.name)}" reportVersion="${attr(project.reportVersion)}" licenseID="0" containsGarbage="False" extractionType="${attr(project.extractionType)}" xmlns="http://pa.cellebrite.com/report/2.0">`,
    )
    .open('<sourceExtractions>')
    .line(
      `<extractionInfo id="0" name="${attr(ex.name)}" isCustomName="False" type="${attr(ex.type)}" deviceName="${attr(ex.deviceName)}" fullName="${attr(ex.fullName)}" index="0" IsPartialData="False" />`,
    )
    .close('</sourceExtractions>')
    .open('<caseInformation>');
  for (const [name, fieldType, value] of project.caseInformation) {
    head.line(
      `<field name="${attr(name)}" isSystem="True" isRequired="False" fieldType="${attr(fieldType)}" multipleLines="False">${cdata(value)}</field>`,
    );
  }
  head.close('</caseInformation>');
  for (const block of project.metadata) {
    head.open(`<metadata section="${attr(block.section)}">`);
    for (const item of block.items) {
      const id = item.id ? ` id="${attr(item.id)}"` : '';
      const src = item.sourceExtraction ? ' sourceExtraction="0"' : '';
      head.line(`<item${id} name="${attr(item.name)}"${src}>${cdata(item.value)}</item>`);
    }
    head.close('</metadata>');
  }
  yield head.open('<taggedFiles>').text();

  for (const f of taggedFiles) {
    const t = ufedTime(f.createdAt).value;
    const x = new Frag(2)
      .open(
        `<file fs="${attr(ex.name)}" fsid="${attr(stableUuid(`${project.id}|fs`))}" path="${attr(f.devicePath)}" size="${f.size}" id="${f.id}" extractionId="0" deleted="Intact" embedded="false" isrelated="False">`,
      )
      .open('<accessInfo>')
      .line(`<timestamp name="CreationTime">${t}</timestamp>`)
      .line(`<timestamp name="ModifyTime">${t}</timestamp>`)
      .line(`<timestamp name="AccessTime">${t}</timestamp>`)
      .close('</accessInfo>')
      .open('<metadata section="File">')
      .line(`<item name="Local Path">${cdata(f.zipPath.replaceAll('/', '\\'))}</item>`)
      .line(`<item name="SHA256">${cdata(f.sha256)}</item>`)
      .line(`<item name="Tags">${cdata(f.tag)}</item>`)
      .close('</metadata>')
      .close('</file>');
    yield x.text();
  }
  yield `${ind(1)}</taggedFiles>\n${ind(1)}<decodedData>\n`;

  for (const section of sections) {
    yield `${ind(2)}<modelType type="${attr(section.type)}">\n`;
    for await (const chunk of section.chunks) yield chunk;
    yield `${ind(2)}</modelType>\n`;
  }
  yield `${ind(1)}</decodedData>\n</project>\n`;
}

/** Concatenate small string chunks into ~64 KiB UTF-8 buffers. */
async function* batched(
  chunks: Iterable<string> | AsyncIterable<string>,
  size = 1 << 16,
): AsyncGenerator<Buffer> {
  let pending: string[] = [];
  let length = 0;
  for await (const c of chunks) {
    pending.push(c);
    length += c.length;
    if (length >= size) {
      yield Buffer.from(pending.join(''), 'utf8');
      pending = [];
      length = 0;
    }
  }
  if (length > 0) yield Buffer.from(pending.join(''), 'utf8');
}

/** Zip DOS time fields hold local wall time: give yazl a Date whose local fields are UTC's. */
function dosTime(iso: Instant): Date {
  const d = new Date(Date.parse(iso));
  return new Date(
    d.getUTCFullYear(),
    d.getUTCMonth(),
    d.getUTCDate(),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
  );
}

/**
 * Write a UFDR zip: `report.xml` streamed from `report` (deflated), then `entries` (stored), all
 * with the time `mtime`. Memory stays flat however long the report is. If the report's chunks
 * throw, the promise rejects and no partial file is left.
 */
export async function writeUfdrStream(
  path: string,
  report: Iterable<string> | AsyncIterable<string>,
  options: { mtime: Instant; entries?: Iterable<UfdrZipEntry> },
): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await rm(path, { force: true });
  const mtime = dosTime(options.mtime);
  const zip = new yazl.ZipFile();
  const failed = new Promise<never>((_, reject) => zip.on('error', reject));
  const xml = Readable.from(batched(report), { objectMode: false });
  xml.on('error', (err) => zip.emit('error', err));
  zip.addReadStream(xml, 'report.xml', {
    mtime,
    forceDosTimestamp: true,
    compress: true,
    mode: 0o100644,
  });
  for (const e of options.entries ?? []) {
    zip.addReadStreamLazy(
      e.path,
      { mtime, forceDosTimestamp: true, compress: false, mode: 0o100644, size: e.size },
      (cb) => cb(null, Readable.from([e.bytes()], { objectMode: false })),
    );
  }
  zip.end();
  const out = createWriteStream(path);
  try {
    await Promise.race([pipeline(zip.outputStream, out), failed]);
  } catch (err) {
    out.destroy();
    await rm(path, { force: true });
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------
// DeviceExtraction → report

const APP_SOURCE: Record<DeviceAccount['app'], string> = {
  whatsapp: 'WhatsApp',
  telegram: 'Telegram',
  google: 'Google',
  icloud: 'iCloud',
  snapchat: 'Snapchat',
};

const USER_ID_CATEGORY: Record<DeviceAccount['app'], string> = {
  whatsapp: 'WhatsApp User Id',
  telegram: 'Telegram User Name',
  google: 'Google Account',
  icloud: 'Apple ID',
  snapchat: 'Snapchat User Name',
};

const PHONE_CATEGORY: Record<DeviceContact['phones'][number]['label'], string> = {
  mobile: 'Mobile',
  home: 'Home',
  work: 'Work',
  other: 'Other',
};

interface Ctx {
  d: DeviceExtraction;
  owner: E164;
  ownerWaName: string | null;
  /** Contact names by app, then number. */
  names: Record<'native' | 'whatsapp', Map<E164, string>>;
  chats: Map<number, DeviceChat>;
  messagesByChat: Map<number, DeviceMessage[]>;
  files: Map<number, UfdrTaggedFile & { seed: string; mime: string }>;
}

function uid(ctx: Ctx, ...parts: (string | number)[]): string {
  return stableUuid([ctx.d.id, ...parts].join('|'));
}

function nameOf(ctx: Ctx, app: DeviceChat['app'], number: E164): string | null {
  if (number === ctx.owner) return app === 'whatsapp' ? ctx.ownerWaName : null;
  return (
    ctx.names[app].get(number) ??
    ctx.names[app === 'native' ? 'whatsapp' : 'native'].get(number) ??
    null
  );
}

function partyId(ctx: Ctx, app: DeviceChat['app'], number: E164): string {
  return app === 'whatsapp' ? userJid(number) : number;
}

function sourceOf(ctx: Ctx, app: DeviceChat['app']): string {
  if (app === 'whatsapp') return 'WhatsApp';
  return ctx.d.platform === 'ios' ? 'iMessage' : 'Native Messages';
}

function prepare(d: DeviceExtraction): Ctx {
  const owner = d.ownerNumbers[0];
  if (!owner) throw new Error(`writeUfdr: device ${d.id} has no owner number`);
  const names: Ctx['names'] = { native: new Map(), whatsapp: new Map() };
  for (const c of d.contacts) {
    for (const p of c.phones)
      if (!names[c.app].has(p.number)) names[c.app].set(p.number, c.displayName);
  }
  const chats = new Map<number, DeviceChat>();
  for (const c of d.chats) {
    if (chats.has(c.id)) throw new Error(`writeUfdr: chat id ${c.id} twice`);
    chats.set(c.id, c);
  }
  const messagesByChat = new Map<number, DeviceMessage[]>();
  for (const m of d.messages) {
    const chat = chats.get(m.chatId);
    if (!chat) throw new Error(`writeUfdr: message ${m.id} in unknown chat ${m.chatId}`);
    if (chat.app !== m.app) throw new Error(`writeUfdr: message ${m.id} app differs from its chat`);
    if (m.text === null && m.attachment === null) {
      throw new Error(`writeUfdr: message ${m.id} has neither text nor attachment`);
    }
    const list = messagesByChat.get(m.chatId) ?? [];
    list.push(m);
    messagesByChat.set(m.chatId, list);
  }
  for (const list of messagesByChat.values()) {
    list.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.id - b.id);
  }
  const wa = d.accounts.find((a) => a.app === 'whatsapp');
  const ctx: Ctx = {
    d,
    owner,
    ownerWaName: wa?.displayName ?? null,
    names,
    chats,
    messagesByChat,
    files: new Map(),
  };
  // Files in message order; zip paths unique.
  const used = new Set<string>();
  for (const m of [...d.messages].sort((a, b) => a.id - b.id)) {
    if (!m.attachment) continue;
    const a = m.attachment;
    const tag = mediaCategory(a.mimeType);
    // eslint-disable-next-line no-control-regex
    const safe = a.fileName.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_') || `file${m.id}`;
    let zipPath = `files/${tag}/${safe}`;
    for (let n = 2; used.has(zipPath.toLowerCase()); n++) {
      const dot = safe.lastIndexOf('.');
      zipPath =
        dot > 0
          ? `files/${tag}/${safe.slice(0, dot)}_${n}${safe.slice(dot)}`
          : `files/${tag}/${safe}_${n}`;
    }
    used.add(zipPath.toLowerCase());
    ctx.files.set(m.id, taggedFileOf(ctx, m, a, zipPath));
  }
  return ctx;
}

/** The tagged file of a message's attachment; its placeholder is at most `cap` bytes. */
function taggedFileOf(
  ctx: Ctx,
  m: DeviceMessage,
  a: DeviceAttachment,
  zipPath: string,
  cap = MAX_PLACEHOLDER_BYTES,
): UfdrTaggedFile & { seed: string; mime: string } {
  const seed = `${ctx.d.id}|attachment|${m.id}`;
  const bytes = placeholderMedia(seed, a.mimeType, Math.min(a.bytes, cap));
  return {
    id: uid(ctx, 'file', m.id),
    devicePath: devicePath(ctx, m, a),
    zipPath,
    size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    tag: mediaCategory(a.mimeType),
    createdAt: m.at,
    seed,
    mime: a.mimeType,
  };
}

/** Where the app would have kept the file on the device. */
function devicePath(ctx: Ctx, m: DeviceMessage, a: DeviceAttachment): string {
  const chat = ctx.chats.get(m.chatId)!;
  const name = a.fileName.replaceAll('/', '_');
  if (ctx.d.platform === 'ios') {
    if (m.app === 'whatsapp') {
      const group = stableUuid(`${ctx.d.id}|whatsapp-appgroup`).toUpperCase();
      return `/private/var/mobile/Containers/Shared/AppGroup/${group}/Message/Media/${chatJid(chat)}/${name}`;
    }
    return `/private/var/mobile/Library/SMS/Attachments/${stableHex(`${ctx.d.id}|sms-att|${m.id}`, 2).toLowerCase()}/${pad(m.id % 100)}/${stableUuid(`${ctx.d.id}|sms-att-guid|${m.id}`).toUpperCase()}/${name}`;
  }
  if (m.app === 'whatsapp') {
    const folder = {
      Image: 'WhatsApp Images',
      Video: 'WhatsApp Video',
      Audio: 'WhatsApp Audio',
      Text: 'WhatsApp Documents',
    }[mediaCategory(a.mimeType)];
    return `/data/media/0/Android/media/com.whatsapp/WhatsApp/Media/${folder}/${m.direction === 'outgoing' ? 'Sent/' : ''}${name}`;
  }
  return `/data/user_de/0/com.android.providers.telephony/app_parts/PART_${m.id}_${name}`;
}

function party(
  ctx: Ctx,
  f: Frag,
  app: DeviceChat['app'],
  number: E164,
  key: string,
  role: 'From' | 'To' | null,
  groupAdmin: boolean | null,
): void {
  f.model('Party', uid(ctx, 'party', key, number), 'Unknown')
    .field('UserMapping', 'DecodingSourceOptions', null)
    .str('Identifier', partyId(ctx, app, number));
  if (role) f.field('Role', 'PartyRole', role);
  f.str('Name', nameOf(ctx, app, number))
    .bool('IsPhoneOwner', number === ctx.owner)
    .bool('IsGroupAdmin', groupAdmin)
    .endModel();
}

function contactXml(ctx: Ctx, c: DeviceContact): string {
  const f = new Frag(3)
    .model('Contact', uid(ctx, 'contact', c.id))
    .field('UserMapping', 'DecodingSourceOptions', 'Decoding')
    .str('Source', c.app === 'whatsapp' ? 'WhatsApp' : 'Phone')
    .str('ServiceIdentifier', null)
    .str('Name', c.displayName)
    .emptyMulti('Photos', 'ContactPhoto');
  const entries: (() => void)[] = [];
  if (c.app === 'whatsapp') {
    for (const p of c.phones) {
      entries.push(() =>
        f
          .model('UserID', uid(ctx, 'contact', c.id, 'jid', p.number))
          .field('UserMapping', 'DecodingSourceOptions', null)
          .str('Category', 'WhatsApp User Id')
          .str('Value', userJid(p.number))
          .str('Domain', 'User ID')
          .endModel(),
      );
    }
  }
  c.phones.forEach((p, i) =>
    entries.push(() =>
      f
        .model('PhoneNumber', uid(ctx, 'contact', c.id, 'phone', i))
        .field('UserMapping', 'DecodingSourceOptions', null)
        .str('Category', PHONE_CATEGORY[p.label])
        .str('Value', typedNumber(p.number, ctx.d.simCountry))
        .str('Domain', 'Phone Number')
        .endModel(),
    ),
  );
  c.emails.forEach((e, i) =>
    entries.push(() =>
      f
        .model('EmailAddress', uid(ctx, 'contact', c.id, 'email', i))
        .field('UserMapping', 'DecodingSourceOptions', null)
        .str('Category', 'Email')
        .str('Value', e)
        .str('Domain', 'Email Address')
        .endModel(),
    ),
  );
  if (entries.length === 0) f.emptyMulti('Entries', 'ContactEntry');
  else {
    f.open('<multiModelField name="Entries" type="ContactEntry">');
    for (const e of entries) e();
    f.close('</multiModelField>');
  }
  return f
    .str('Group', null)
    .field('Type', 'ContactType', 'PhoneBook')
    .str('Account', c.app === 'whatsapp' ? userJid(ctx.owner) : null)
    .endModel()
    .text();
}

function callXml(ctx: Ctx, c: DeviceCall): string {
  const outgoing = c.direction === 'outgoing';
  const f = new Frag(3)
    .model('Call', uid(ctx, 'call', c.id))
    .field('UserMapping', 'DecodingSourceOptions', 'Decoding')
    .str('Source', c.app === 'whatsapp' ? 'WhatsApp' : 'Phone')
    .str('ServiceIdentifier', null)
    .field('Direction', 'ModelDirections', outgoing ? 'Outgoing' : 'Incoming')
    .field(
      'Type',
      'CallType',
      c.direction === 'missed' ? 'Missed' : outgoing ? 'Outgoing' : 'Incoming',
    )
    .time('TimeStamp', c.at)
    .field('Duration', 'TimeSpan', timeSpan(c.durationSeconds))
    .bool('VideoCall', c.video)
    .open('<multiModelField name="Parties" type="Party">');
  const key = `call${c.id}`;
  if (outgoing) {
    party(ctx, f, c.app, ctx.owner, key, 'From', null);
    party(ctx, f, c.app, c.number, key, 'To', null);
  } else {
    party(ctx, f, c.app, c.number, key, 'From', null);
    party(ctx, f, c.app, ctx.owner, key, 'To', null);
  }
  return f
    .close('</multiModelField>')
    .str('Account', c.app === 'whatsapp' ? userJid(ctx.owner) : null)
    .endModel()
    .text();
}

function membersOf(chat: DeviceChat, owner: E164): E164[] {
  const list = chat.members.length > 0 ? [...chat.members] : [owner, chat.peer!];
  if (chat.kind === 'direct' && chat.peer && !list.includes(chat.peer)) list.push(chat.peer);
  return [...new Set(list)];
}

function chatIdOf(ctx: Ctx, chat: DeviceChat): string {
  if (chat.app === 'whatsapp') return chatJid(chat);
  return chat.kind === 'direct' ? chat.peer! : String(chat.id);
}

function messageXml(ctx: Ctx, chat: DeviceChat, m: DeviceMessage): string {
  const f = new Frag(5)
    .model('InstantMessage', uid(ctx, 'message', m.id))
    .field('UserMapping', 'DecodingSourceOptions', 'Decoding')
    .str('Source', sourceOf(ctx, m.app))
    .str('ServiceIdentifier', null)
    .open('<modelField name="From" type="Party">');
  const key = `msg${m.id}`;
  const admin = (n: E164) => (chat.kind === 'group' ? n === chat.creator : null);
  const from = m.direction === 'outgoing' ? ctx.owner : m.sender;
  party(ctx, f, m.app, from, key, 'From', admin(from));
  f.close('</modelField>');
  if (m.direction === 'outgoing') {
    const to = membersOf(chat, ctx.owner).filter((n) => n !== ctx.owner);
    f.open('<multiModelField name="To" type="Party">');
    for (const n of to) party(ctx, f, m.app, n, key, 'To', admin(n));
    f.close('</multiModelField>');
  } else {
    f.emptyMulti('To', 'Party');
  }
  f.str('Body', m.text)
    .str(
      'Identifier',
      m.app === 'whatsapp'
        ? ctx.d.platform === 'ios'
          ? `3A${stableHex(`${ctx.d.id}|stanza|${m.id}`, 18)}`
          : stableHex(`${ctx.d.id}|key|${m.id}`, 32)
        : String(m.id),
    )
    .time('TimeStamp', m.at)
    .open('<modelField name="Attachment" type="Attachment">')
    .line('<empty />')
    .close('</modelField>');
  const file = ctx.files.get(m.id);
  if (m.attachment && file) {
    const a = m.attachment;
    f.open('<multiModelField name="Attachments" type="Attachment">')
      .model('Attachment', uid(ctx, 'attachment', m.id), 'Intact', ` file_id="${file.id}"`)
      .str('Filename', a.fileName)
      .str('ContentType', a.mimeType)
      .open('<dataField name="Data" type="MemoryRange">')
      .line(`<source length="${a.bytes}" />`)
      .close('</dataField>')
      .str('URL', null)
      .str('Title', null)
      .str('Transcript', null)
      .str('attachment_extracted_path', file.zipPath.replaceAll('/', '\\'))
      .endModel()
      .close('</multiModelField>');
  } else {
    f.emptyMulti('Attachments', 'Attachment');
  }
  f.field(
    'Status',
    'MessageStatus',
    m.direction === 'outgoing' ? 'Sent' : m.read ? 'Read' : 'Unread',
  )
    .emptyMulti('SharedContacts', 'Contact')
    .field('Platform', 'Platform', 'Mobile')
    .field('Type', 'InstantMessageType', m.app === 'whatsapp' ? 'AppMessage' : 'SMS')
    .bool('IsLocationSharing', null)
    .emptyMulti('EmbeddedInstantMessage', 'InstantMessage')
    .str('SourceApplication', sourceOf(ctx, m.app));
  if (file) {
    f.open('<jumptargets name="">')
      .line(`<targetid ismodel="false">${cdata(file.id)}</targetid>`)
      .close('</jumptargets>');
  }
  return f.endModel().text();
}

function* chatChunks(ctx: Ctx, chat: DeviceChat): Generator<string> {
  const messages = ctx.messagesByChat.get(chat.id) ?? [];
  const last = messages[messages.length - 1];
  const f = new Frag(3)
    .model('Chat', uid(ctx, 'chat', chat.id))
    .field('UserMapping', 'DecodingSourceOptions', 'Decoding')
    .str('Source', sourceOf(ctx, chat.app))
    .str('ServiceIdentifier', null)
    .str('Id', chatIdOf(ctx, chat))
    .str('Name', chat.kind === 'group' ? chat.subject : null)
    .time('StartTime', chat.createdAt)
    .time('LastActivity', last ? last.at : chat.createdAt)
    .open('<multiModelField name="Participants" type="Party">');
  for (const n of membersOf(chat, ctx.owner)) {
    party(
      ctx,
      f,
      chat.app,
      n,
      `chat${chat.id}`,
      null,
      chat.kind === 'group' ? n === chat.creator : null,
    );
  }
  f.close('</multiModelField>').emptyMulti('Photos', 'ContactPhoto');
  if (messages.length === 0) {
    yield f.emptyMulti('Messages', 'InstantMessage').endModel().text();
    return;
  }
  yield f.open('<multiModelField name="Messages" type="InstantMessage">').text();
  for (const m of messages) yield messageXml(ctx, chat, m);
  yield `${ind(4)}</multiModelField>\n${ind(3)}</model>\n`;
}

function accountXml(ctx: Ctx, a: DeviceAccount, index: number): string {
  const source = APP_SOURCE[a.app];
  const username = a.app === 'whatsapp' ? userJid(a.identifier) : a.identifier;
  const f = new Frag(3)
    .model('UserAccount', uid(ctx, 'account', index))
    .field('UserMapping', 'DecodingSourceOptions', 'Decoding')
    .str('Source', source)
    .str('Name', a.displayName)
    .str('Username', username)
    .str('Password', null)
    .str('ServiceType', source)
    .str('ServerAddress', null)
    .emptyMulti('Photos', 'ContactPhoto')
    .open('<multiModelField name="Entries" type="ContactEntry">')
    .model('UserID', uid(ctx, 'account', index, 'id'))
    .str('Category', USER_ID_CATEGORY[a.app])
    .str('Value', username)
    .str('Domain', 'User ID')
    .endModel();
  if (a.app === 'whatsapp') {
    f.model('PhoneNumber', uid(ctx, 'account', index, 'phone'))
      .str('Category', 'Phone')
      .str('Value', a.identifier)
      .str('Domain', 'Phone Number')
      .endModel();
  }
  return f
    .close('</multiModelField>')
    .emptyMulti('AdditionalInfo', 'KeyValueModel')
    .endModel()
    .text();
}

function projectOf(ctx: Ctx): UfdrProject {
  const d = ctx.d;
  const ios = d.platform === 'ios';
  const manufacturer = ios ? 'Apple' : (d.model.split(' ')[0] ?? d.model);
  const model = ios ? d.model : d.model.split(' ').slice(1).join(' ') || d.model;
  const started = ufedDayFirst(d.extractedAt);
  return {
    id: uid(ctx, 'project'),
    name: d.evidenceNumber,
    reportVersion: '7.60.0.0',
    extractionType: 'FileSystem',
    extraction: {
      name: 'File System',
      type: 'FileSystem',
      deviceName: model.replace(/[^A-Za-z0-9]/g, ''),
      fullName: `${manufacturer} ${model}`,
    },
    caseInformation: [['Evidence number', 'EvidenceNumber', d.evidenceNumber]],
    metadata: [
      {
        section: 'Additional Fields',
        items: [
          { name: 'DeviceInfoCreationTime', value: started },
          { name: 'UFED_PA_Version', value: '7.60.0.85' },
          { name: 'EvidenceNumber', value: d.evidenceNumber },
        ],
      },
      {
        section: 'Extraction Data',
        items: [
          {
            name: 'DeviceInfoExtractionStartDateTime',
            value: `${started}(UTC+0)`,
            sourceExtraction: true,
          },
          { name: 'DeviceInfoSelectedManufacturer', value: manufacturer, sourceExtraction: true },
          {
            name: 'DeviceInfoSelectedDeviceName',
            value: `${manufacturer} ${model}`,
            sourceExtraction: true,
          },
          {
            name: 'ProjectStateExtractionId',
            value: uid(ctx, 'extraction'),
            sourceExtraction: true,
          },
        ],
      },
      {
        section: 'Device Info',
        items: [
          {
            id: uid(ctx, 'info', 1),
            name: 'DeviceInfoDetectedManufacturer',
            value: manufacturer,
            sourceExtraction: true,
          },
          {
            id: uid(ctx, 'info', 2),
            name: 'DeviceInfoDetectedModel',
            value: model,
            sourceExtraction: true,
          },
          {
            id: uid(ctx, 'info', 3),
            name: 'DeviceInfoOSType',
            value: ios ? 'iOS' : 'Android',
            sourceExtraction: true,
          },
          {
            id: uid(ctx, 'info', 4),
            name: 'DeviceInfoOSVersion',
            value: d.osVersion,
            sourceExtraction: true,
          },
          ...d.ownerNumbers.map((n, i) => ({
            id: uid(ctx, 'info', 'msisdn', i),
            name: 'MSISDN',
            value: n,
            sourceExtraction: true,
          })),
        ],
      },
    ],
  };
}

function* each<T>(
  items: readonly T[],
  render: (item: T, index: number) => string,
): Generator<string> {
  for (let i = 0; i < items.length; i++) yield render(items[i]!, i);
}

function* chatsChunks(ctx: Ctx): Generator<string> {
  for (const chat of ctx.d.chats) yield* chatChunks(ctx, chat);
}

/** report.xml and zip entries of one extraction. */
export function ufdrParts(device: DeviceExtraction): {
  report: AsyncGenerator<string>;
  entries: UfdrZipEntry[];
} {
  const ctx = prepare(device);
  const d = ctx.d;
  const sections: UfdrSection[] = [
    { type: 'Call', chunks: each(d.calls, (c) => callXml(ctx, c)) },
    { type: 'Chat', chunks: chatsChunks(ctx) },
    { type: 'Contact', chunks: each(d.contacts, (c) => contactXml(ctx, c)) },
    { type: 'UserAccount', chunks: each(d.accounts, (a, i) => accountXml(ctx, a, i + 1)) },
  ].filter((s, i) => [d.calls, d.chats, d.contacts, d.accounts][i]!.length > 0);
  const files = [...ctx.files.values()];
  return {
    report: reportXml(projectOf(ctx), files, sections),
    entries: files.map((f) => ({
      path: f.zipPath,
      size: f.size,
      bytes: () => placeholderMedia(f.seed, f.mime, f.size),
    })),
  };
}

export const writeUfdr: DeviceWriter = async (dir, device) => {
  const rel = `${device.id}.ufdr`;
  const { report, entries } = ufdrParts(device);
  await writeUfdrStream(join(dir, rel), report, { mtime: device.extractedAt, entries });
  return [rel];
};

// ---------------------------------------------------------------------------------------------
// A report of any size, for benchmarks

/** What {@link writeLargeReport} wrote. */
export interface LargeReportResult {
  /** The file written (`report.xml`, or the `.ufdr` holding it). */
  path: string;
  /** Bytes of report.xml (uncompressed). */
  reportBytes: number;
  /** Records written, by the counting rule of model.ts (media: messages with an attachment). */
  counts: DeviceCounts;
  /** The phone's own numbers (the report's MSISDN items). */
  ownerNumbers: E164[];
}

export interface LargeReportOptions {
  /** About how big report.xml should be, in bytes (it ends within a chat's size of this). */
  bytes: number;
  /** Same seed, same bytes. Default 1. */
  seed?: number;
  /** `xml` (default): a bare report.xml; `ufdr`: report.xml zipped with the attachment files. */
  format?: 'xml' | 'ufdr';
  /** Placeholder attachment files are at most this big (default 2 KiB; `Data` keeps the stated size). */
  maxFileBytes?: number;
}

const BIG_OWNER = '+31697000001';
const BIG_START = Date.parse('2023-01-02T08:00:00.000Z');
const BIG_NAMES = [
  'Jefe',
  'Chofer',
  'Seguridad',
  'Tía',
  'Anuncios',
  'Marco',
  'Rosa',
  'Lucía',
  'Daniela',
  'Sanne',
  'Kevin',
  'Mohamed',
  'Yasmina',
  'Bram',
  'Taxi',
  'Fotos',
  'Patrón',
  'Amiga España',
  'Eva',
  'Nina',
];
const BIG_TEXTS = [
  'Hoi, ben je vanavond beschikbaar?',
  'Ja schat, 150 p/u. Adres stuur ik later',
  'Hoy trabajas en Zwolle. Mándame el dinero por la noche.',
  'Listo, 450 euros',
  'Ik haal jullie om 11 uur op bij het station',
  'Ok 👍',
  'Nieuwe foto’s voor de advertentie, zet ze er vandaag op',
  'El cliente de las 10 canceló',
  'Kamer 12, bel aan bij de achterdeur',
  'Cuánto has hecho hoy? Manda foto del dinero',
  'Morgen Amersfoort, zelfde hotel als vorige week',
  'Vale, entendido',
  'Ben er over 10 min',
  'No contestes a ese número, es policía',
  'Betaal via tikkie of contant?',
];
const BIG_PEERS = 600;

/** The phones of the synthetic contacts: fictional Dutch 06-97 and Spanish 600 numbers. */
function bigPeer(i: number): E164 {
  return i % 3 === 2
    ? `+346000${String(10_000 + i).padStart(5, '0')}`
    : `+316970${String(10_000 + i).padStart(5, '0')}`;
}

/** Chat `index` and its messages: a pure function of (seed, index), so it can be made again. */
function bigChat(root: Random, index: number): { chat: DeviceChat; messages: DeviceMessage[] } {
  const rng = root.fork(`chat:${index}`);
  const id = index + 1;
  const app: DeviceChat['app'] = rng.chance(0.7) ? 'whatsapp' : 'native';
  const group = app === 'whatsapp' && rng.chance(0.12);
  const createdAt = BIG_START + rng.int(0, 60) * 86_400_000 + rng.int(0, 86_399) * 1000;
  let chat: DeviceChat;
  if (group) {
    const others = rng.sample(
      Array.from({ length: 40 }, (_, k) => bigPeer((index * 7 + k * 13) % BIG_PEERS)),
      rng.int(2, 7),
    );
    chat = {
      id,
      app,
      kind: 'group',
      peer: null,
      subject: `Chicas ${rng.pick(['Zwolle', 'Utrecht', 'Breda', 'Almere', 'Venlo'])} ${id} 💋`,
      creator: others[0]!,
      members: [others[0]!, BIG_OWNER, ...others.slice(1)],
      createdAt: new Date(createdAt).toISOString(),
    };
  } else {
    const peer = bigPeer(rng.int(0, BIG_PEERS - 1));
    chat = {
      id,
      app,
      kind: 'direct',
      peer,
      subject: null,
      creator: null,
      members: [BIG_OWNER, peer],
      createdAt: new Date(createdAt).toISOString(),
    };
  }
  const n = rng.int(20, 300);
  const messages: DeviceMessage[] = [];
  let t = createdAt;
  for (let j = 0; j < n; j++) {
    t += rng.int(5, 7200) * 1000;
    const outgoing = rng.chance(0.45);
    const sender = outgoing
      ? BIG_OWNER
      : group
        ? rng.pick(chat.members.filter((m) => m !== BIG_OWNER))
        : chat.peer!;
    const mid = id * 1000 + j;
    const date = new Date(t).toISOString().slice(0, 10).replaceAll('-', '');
    const attachment =
      app === 'whatsapp' && rng.chance(0.05)
        ? {
            fileName: `IMG-${date}-WA${String(mid).padStart(4, '0')}.jpg`,
            mimeType: 'image/jpeg',
            bytes: rng.int(20_000, 900_000),
          }
        : null;
    const words = rng.int(1, 3);
    const text =
      attachment && rng.chance(0.5)
        ? null
        : Array.from({ length: words }, () => rng.pick(BIG_TEXTS)).join(' ');
    messages.push({
      id: mid,
      chatId: id,
      app,
      direction: outgoing ? 'outgoing' : 'incoming',
      sender,
      at: new Date(t).toISOString(),
      text,
      attachment,
      read: rng.chance(0.8),
    });
  }
  return { chat, messages };
}

function bigCall(root: Random, index: number): DeviceCall {
  const rng = root.fork(`call:${index}`);
  return {
    id: index + 1,
    app: rng.chance(0.6) ? 'native' : 'whatsapp',
    number: bigPeer(rng.int(0, BIG_PEERS - 1)),
    direction: rng.pick(['incoming', 'outgoing', 'missed'] as const),
    at: new Date(BIG_START + rng.int(0, 90 * 86_400) * 1000).toISOString(),
    durationSeconds: rng.int(0, 900),
    video: rng.chance(0.05),
  };
}

/**
 * Write a synthetic Cellebrite report.xml of about `options.bytes` bytes (same layout as
 * {@link writeUfdr}: Call, Chat with nested InstantMessages, Contact, UserAccount sections,
 * tagged files for the attachments), generated chat by chat so memory stays flat at any size.
 * Sizes the report from a sample of the first chats, then writes calls (three per chat), the
 * chats, up to 600 contacts (one per 50 kB) and two accounts. Same seed and size, same bytes.
 */
export async function writeLargeReport(
  path: string,
  options: LargeReportOptions,
): Promise<LargeReportResult> {
  const seed = options.seed ?? 1;
  const cap = options.maxFileBytes ?? 2048;
  const root = new Random(`ufdr-large:${seed}`);
  const peers = Array.from({ length: BIG_PEERS }, (_, i) => bigPeer(i));
  // The address book: every peer, fewer in a small report (it would be most of it).
  const contactCount = Math.min(BIG_PEERS, Math.max(10, Math.floor(options.bytes / 50_000)));
  const contacts: DeviceContact[] = peers.slice(0, contactCount).map((number, i) => ({
    id: i + 1,
    app: i % 4 === 3 ? 'whatsapp' : 'native',
    displayName: `${BIG_NAMES[i % BIG_NAMES.length]} ${Math.floor(i / BIG_NAMES.length) + 1}`,
    givenName: null,
    familyName: null,
    phones: [{ number, label: i % 5 === 4 ? 'work' : 'mobile' }],
    emails: i % 10 === 0 ? [`contact${i}@example.invalid`] : [],
  }));
  const accounts: DeviceAccount[] = [
    { app: 'whatsapp', identifier: BIG_OWNER, displayName: 'Vale' },
    { app: 'google', identifier: 'vale.bench@example.invalid', displayName: null },
  ];
  const device: DeviceExtraction = {
    id: `large-${seed}`,
    evidenceNumber: `PL1300-2023-9${String(seed).padStart(5, '0')}-01`,
    platform: 'android',
    format: 'ufdr',
    model: 'Samsung SM-A525F',
    osVersion: '13',
    ownerId: 'person-large',
    ownerName: 'Valentina',
    ownerNumbers: [BIG_OWNER],
    simCountry: 'NL',
    whatsappSchema: 'current',
    extractedAt: '2023-04-03T09:00:00.000Z',
    contacts,
    calls: [],
    chats: [],
    messages: [],
    accounts,
  };
  const ctx = prepare(device);

  /** Point the context at one chat (the writer's helpers look messages and files up there). */
  const load = (index: number) => {
    const { chat, messages } = bigChat(root, index);
    ctx.chats = new Map([[chat.id, chat]]);
    ctx.messagesByChat = new Map([[chat.id, messages]]);
    ctx.files = new Map();
    for (const m of messages) {
      if (m.attachment) {
        const zipPath = `files/Image/${m.attachment.fileName}`;
        ctx.files.set(m.id, taggedFileOf(ctx, m, m.attachment, zipPath, cap));
      }
    }
    return { chat, messages };
  };
  const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');

  // Size a chat (its models, its tagged files, and its three calls) from the first ones.
  const sample = 40;
  let sampled = 0;
  for (let i = 0; i < sample; i++) {
    const { chat } = load(i);
    for (const c of chatChunks(ctx, chat)) sampled += utf8(c);
    sampled += [...ctx.files.values()].length * 900;
    for (let k = 0; k < 3; k++) sampled += utf8(callXml(ctx, bigCall(root, i * 3 + k)));
  }
  const fixed =
    contacts.reduce((n, c) => n + utf8(contactXml(ctx, c)), 0) +
    accounts.reduce((n, a, i) => n + utf8(accountXml(ctx, a, i + 1)), 0) +
    8000;
  const chatCount = Math.max(1, Math.round((options.bytes - fixed) / (sampled / sample)));
  const callCount = chatCount * 3;

  const counts: DeviceCounts = {
    contacts: contacts.length,
    calls: callCount,
    chats: chatCount,
    messages: 0,
    accounts: accounts.length,
    media: 0,
  };
  function* taggedFiles(): Generator<UfdrTaggedFile> {
    for (let i = 0; i < chatCount; i++) {
      load(i);
      yield* ctx.files.values();
    }
  }
  function* calls(): Generator<string> {
    for (let i = 0; i < callCount; i++) yield callXml(ctx, bigCall(root, i));
  }
  function* chats(): Generator<string> {
    for (let i = 0; i < chatCount; i++) {
      const { chat, messages } = load(i);
      counts.messages += messages.length;
      counts.media += messages.filter((m) => m.attachment).length;
      yield* chatChunks(ctx, chat);
    }
  }
  const report = reportXml(projectOf(ctx), taggedFiles(), [
    { type: 'Call', chunks: calls() },
    { type: 'Chat', chunks: chats() },
    { type: 'Contact', chunks: each(contacts, (c) => contactXml(ctx, c)) },
    { type: 'UserAccount', chunks: each(accounts, (a, i) => accountXml(ctx, a, i + 1)) },
  ]);
  let reportBytes = 0;
  async function* counted(): AsyncGenerator<string> {
    for await (const chunk of report) {
      reportBytes += utf8(chunk);
      yield chunk;
    }
  }

  if ((options.format ?? 'xml') === 'xml') {
    await mkdir(dirname(path), { recursive: true });
    const out = createWriteStream(path);
    try {
      await pipeline(Readable.from(batched(counted()), { objectMode: false }), out);
    } catch (err) {
      out.destroy();
      await rm(path, { force: true });
      throw err;
    }
  } else {
    function* entries(): Generator<UfdrZipEntry> {
      for (let i = 0; i < chatCount; i++) {
        load(i);
        for (const f of [...ctx.files.values()]) {
          yield {
            path: f.zipPath,
            size: f.size,
            bytes: () => placeholderMedia(f.seed, f.mime, f.size),
          };
        }
      }
    }
    await writeUfdrStream(path, counted(), { mtime: device.extractedAt, entries: entries() });
  }
  return { path, reportBytes, counts, ownerNumbers: [BIG_OWNER] };
}
