import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createInflateRaw } from 'node:zlib';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import yauzl from 'yauzl';
import { isoText, jidNumber, party, toE164 } from './normalise.js';
import type {
  DeviceAttachment,
  DeviceChatRecord,
  DeviceMessageRecord,
  DeviceRecord,
  Party,
  ReadSink,
  Timestamp,
} from './types.js';

/**
 * Cellebrite UFDR (a zip holding `report.xml`) and bare UFED report XML, read as a stream: the
 * XML goes through a SAX parser chunk by chunk, nothing is extracted to disk, and only the model
 * being read is held in memory (a chat's messages are passed on one by one as they close), so a
 * report of any size is read in flat memory. The evidence file is only opened for reading.
 *
 * Accepted shapes: the full `<project>` document (`<decodedData><modelType type=…><model …>`,
 * namespace or not), and fragments whose root is a bare `<modelType>` or `<model>` (as IPED's
 * public fixtures are). Fields are `<field name><value>…</value></field>` (CDATA or text),
 * `<empty />` is null, `<modelField>` / `<multiModelField>` hold nested models, `<dataField
 * name="Data"><source length>` an attachment's size.
 *
 * Model → record (only top-level models, plus the InstantMessages in a Chat's `Messages`, are
 * records; nested helper models — Party, PhoneNumber, UserID, shared contacts, quoted and
 * forwarded copies of messages — are read as part of their parent):
 *
 * | model          | record                                                                  |
 * | -------------- | ----------------------------------------------------------------------- |
 * | Contact        | contact: Name, Entries PhoneNumber (Category → label) / EmailAddress /  |
 * |                | UserID (a phone JID adds its number when no PhoneNumber has it)         |
 * | Call           | call: Type (Missed/Rejected → missed) else Direction, the party that is |
 * |                | not the owner, TimeStamp, Duration (TimeSpan), VideoCall                |
 * | Chat           | chat: key = Id (else the model id), Source → app, group when the Id is  |
 * |                | `…@g.us`, more than two participants or a group admin is marked, or     |
 * |                | it has a Name and an Id that is no party's; subject = Name of a group   |
 * | InstantMessage | message: in a Chat's Messages it gets the chat's key and app; direction |
 * |                | from the From party's IsPhoneOwner; Body; TimeStamp; Attachments (and   |
 * |                | those of a forwarded EmbeddedInstantMessage) with Filename, ContentType |
 * |                | and size (Data length, else Size)                                       |
 * | SMS / MMS      | message without chat: Parties From/To, Body, TimeStamp, Folder          |
 * | Email          | message without chat: From, Subject + Body, TimeStamp, Attachments      |
 * | UserAccount    | account: Username (a phone JID becomes its number), else the first      |
 * |                | UserID / PhoneNumber / EmailAddress entry; Name; Source (ServiceType)   |
 *
 * Provenance: `file` = the report's name (the zip entry, or the label given), `table` = the
 * model type, `rowId` = the model's `id`. Deleted models (deleted_state) are read like intact
 * ones. Owner: `<metadata>` items such as MSISDN / phone number (Device Info), parties marked
 * IsPhoneOwner (phone JIDs, or numbers of native apps), and the UserAccounts; passed to
 * `sink.owner` once, at the end.
 *
 * Bad input never throws: a file that is not a zip, a UFDR without report.xml, a
 * password-protected report, a read error or malformed XML is a warning; records read before
 * the error are kept. Characters XML forbids (a common flaw of real reports) are reported once
 * and reading goes on.
 */

/** Records are handed to the sink in batches; `drain` is awaited after every this many. */
const DRAIN_EVERY = 1000;

const NATIVE_SOURCES = new Set([
  '',
  'phone',
  'native',
  'native messages',
  'native contacts',
  'sms',
  'sms messages',
  'mms',
  'imessage',
  'messages',
  'contacts',
  'call log',
  'calllog',
  'address book',
  'addressbook',
  'sim',
  'facetime',
]);

/** `native`, `whatsapp`, or the source's name in lower case. */
function appOf(source: string | null | undefined, fallback = 'native'): string {
  if (source === null || source === undefined || source.trim() === '') return fallback;
  const s = source.trim().toLowerCase();
  if (NATIVE_SOURCES.has(s)) return 'native';
  return s;
}

// ---------------------------------------------------------------------------------------------
// The model tree of one top-level model

interface Model {
  type: string;
  id: string;
  /** Field name → first value (null for `<empty />`); `Data` holds a dataField's length. */
  fields: Map<string, string | null>;
  /** (multi)modelField name → the models in it. */
  subs: Map<string, Model[]>;
  /** A top-level Chat: how its messages are passed on. */
  chat?: ChatState;
  /** An InstantMessage directly in a top-level Chat's Messages. */
  inChat?: Model;
}

interface ChatState {
  record: DeviceChatRecord | null;
  /** Messages read before the chat could be recorded (only when fields come after Messages). */
  pending: Model[];
}

/**
 * A copy of `s` that does not keep the parser's input chunk alive. Strings cut from a chunk by
 * the parser are V8 slices of it; a record that kept one would keep the whole 64 KB chunk, and a
 * batch of 20,000 records some 200 MB of XML it no longer needs.
 */
export function detach(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

function newModel(tag: SaxesTagPlain): Model {
  const a = tag.attributes as Record<string, string>;
  return {
    type: a.type ?? '',
    id: detach(a.id ?? ''),
    fields: new Map(),
    subs: new Map(),
  };
}

const str = (m: Model, name: string): string | null => {
  const v = m.fields.get(name);
  return v === undefined || v === null || v.trim() === '' ? null : v;
};
const bool = (m: Model, name: string): boolean | null => {
  const v = str(m, name);
  return v === null ? null : /^true$/i.test(v.trim());
};
const subs = (m: Model, name: string): Model[] => m.subs.get(name) ?? [];

const NO_TIME: Timestamp = { utc: null, original: '', zone: 'none' };

/** `hh:mm:ss`, `d.hh:mm:ss(.fff)` or plain seconds. */
function timeSpanSeconds(v: string | null): number | null {
  if (v === null) return null;
  const t = v.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return Math.round(Number(t));
  const m = /^(?:(\d+)\.)?(\d+):(\d{1,2}):(\d{1,2})(?:\.\d+)?$/.exec(t);
  if (!m) return null;
  return Number(m[1] ?? 0) * 86400 + Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4]);
}

// ---------------------------------------------------------------------------------------------
// The reader

interface Out {
  records: DeviceRecord[];
}

class UfedReader {
  readonly parser: SaxesParser;
  /** Records waiting to be handed to the sink (after the chunk that produced them). */
  readonly out: Out = { records: [] };
  readonly ownerPhones = new Set<string>();
  readonly ownerAccounts = new Set<string>();
  /** The first non-recoverable XML error; nothing after it is read. */
  failed: { line: number; column: number; message: string } | null = null;
  private badChars = 0;
  private firstBadChar: { line: number; column: number; message: string } | null = null;

  // Parse state.
  private readonly stack: Frame[] = [];
  private model: Model | null = null;
  private readonly models: Model[] = [];
  private capture: string | null = null;
  private captureField: string | null = null;
  /** A TimeStamp value's formattedTimestamp, used when the value has no text. */
  private stamp: string | null = null;
  private metaSection: string | null = null;
  private itemName: string | null = null;

  constructor(
    private readonly sink: ReadSink,
    private readonly file: string,
  ) {
    this.parser = new SaxesParser({ position: true });
    this.parser.on('opentag', (t) => this.open(t));
    this.parser.on('closetag', () => this.close());
    this.parser.on('text', (t) => {
      if (this.capture !== null) this.capture += t;
    });
    this.parser.on('cdata', (t) => {
      if (this.capture !== null) this.capture += t;
    });
    this.parser.on('error', (err) => this.error(err));
  }

  private error(err: Error): void {
    if (this.failed) return;
    const where = { line: this.parser.line, column: this.parser.column };
    const message = err.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '').replace(/\.$/, '');
    if (
      /disallowed character\.?$|malformed character entity|"\]\]>" is disallowed/.test(err.message)
    ) {
      this.badChars++;
      this.firstBadChar ??= { ...where, message };
      return;
    }
    this.failed = { ...where, message };
  }

  /** Warnings that only make sense at the end. */
  finish(truncatedNote: string | null): void {
    if (this.badChars > 0 && this.firstBadChar) {
      const f = this.firstBadChar;
      this.sink.warn({
        file: this.file,
        message: `${this.badChars} character(s) XML does not allow (first at line ${f.line}, column ${f.column}: ${f.message}): read as they are`,
      });
    }
    if (this.failed) {
      const f = this.failed;
      this.sink.warn({
        file: this.file,
        message: `malformed XML at line ${f.line}, column ${f.column} (${f.message})${truncatedNote ?? ''}: records before it were kept, the rest was not read`,
      });
    }
    const phones = [...this.ownerPhones];
    const accounts = [...this.ownerAccounts];
    if (phones.length > 0 || accounts.length > 0) this.sink.owner({ phones, accounts });
  }

  private emit(r: DeviceRecord): void {
    this.out.records.push(r);
  }

  // --- SAX events ---------------------------------------------------------------------------

  private open(tag: SaxesTagPlain): void {
    if (this.failed) return;
    const name = localName(tag.name);
    const parent = this.stack[this.stack.length - 1];
    const attrs = tag.attributes as Record<string, string>;
    switch (name) {
      case 'model': {
        const m = newModel(tag);
        if (this.model && parent?.kind === 'sub') {
          const owner = this.model;
          if (parent.name === 'Messages' && owner.chat && m.type === 'InstantMessage')
            m.inChat = owner;
        }
        this.models.push(m);
        if (!this.model && m.type === 'Chat') m.chat = { record: null, pending: [] };
        this.model = m;
        this.stack.push({ kind: 'model', name: m.type, model: m });
        return;
      }
      case 'field':
      case 'multiField':
      case 'dataField': {
        this.stack.push({ kind: 'field', name: attrs.name ?? '' });
        return;
      }
      case 'modelField':
      case 'multiModelField': {
        const field = attrs.name ?? '';
        if (this.model && !this.model.subs.has(field)) this.model.subs.set(field, []);
        if (field === 'Messages' && this.model?.chat && parent?.model === this.model)
          this.startMessages(this.model);
        this.stack.push({ kind: 'sub', name: field });
        return;
      }
      case 'value': {
        if (parent?.kind === 'field' && this.model && !this.model.fields.has(parent.name)) {
          this.capture = '';
          this.captureField = parent.name;
          this.stamp = attrs.formattedTimestamp ?? null;
        }
        this.stack.push({ kind: 'other', name });
        return;
      }
      case 'empty': {
        if (parent?.kind === 'field' && this.model && !this.model.fields.has(parent.name))
          this.model.fields.set(parent.name, null);
        this.stack.push({ kind: 'other', name });
        return;
      }
      case 'source': {
        if (parent?.kind === 'field' && this.model && attrs.length !== undefined)
          this.model.fields.set(parent.name, attrs.length);
        this.stack.push({ kind: 'other', name });
        return;
      }
      case 'metadata': {
        // Report-level metadata (Device Info, …), not a tagged file's.
        const section = attrs.section ?? '';
        this.metaSection = this.stack.some((f) => f.name === 'file' || f.kind === 'model')
          ? null
          : section;
        this.stack.push({ kind: 'other', name });
        return;
      }
      case 'item': {
        if (
          this.metaSection !== null &&
          this.metaSection !== 'File' &&
          parent?.name === 'metadata'
        ) {
          this.itemName = attrs.name ?? '';
          this.capture = '';
        }
        this.stack.push({ kind: 'other', name });
        return;
      }
      default:
        this.stack.push({ kind: 'other', name });
    }
  }

  private close(): void {
    if (this.failed) return;
    const frame = this.stack.pop();
    if (!frame) return;
    if (frame.kind === 'model') {
      this.closeModel(frame.model!);
      return;
    }
    if (frame.name === 'value' && this.captureField !== null && this.model) {
      const text = detach(this.capture ?? '');
      this.model.fields.set(
        this.captureField,
        text === '' && this.stamp ? detach(this.stamp) : text,
      );
      this.capture = null;
      this.captureField = null;
      this.stamp = null;
      return;
    }
    if (frame.name === 'item' && this.itemName !== null) {
      this.metadataItem(this.itemName, (this.capture ?? '').trim());
      this.itemName = null;
      this.capture = null;
      return;
    }
    if (frame.name === 'metadata') this.metaSection = null;
  }

  private closeModel(m: Model): void {
    this.models.pop();
    const parent = this.models[this.models.length - 1] ?? null;
    this.model = parent;
    if (m.inChat) {
      const chat = m.inChat;
      if (chat.chat?.record) this.chatMessage(m, chat);
      else chat.chat?.pending.push(m);
      return;
    }
    if (parent) {
      // Nested: attach to the parent's (multi)modelField.
      const field = this.stack[this.stack.length - 1];
      if (field?.kind === 'sub') {
        const list = parent.subs.get(field.name);
        if (list) list.push(m);
        else parent.subs.set(field.name, [m]);
      }
      return;
    }
    this.topLevel(m);
  }

  private metadataItem(name: string, value: string): void {
    if (value === '') return;
    if (/msisdn|phone ?number|mobile ?number|own(er)? ?number|line ?number/i.test(name)) {
      const e164 = toE164(value, this.sink.country);
      if (e164) this.ownerPhones.add(e164);
    } else if (
      /apple ?id|icloud|google ?account|e-?mail ?address|^account$|user ?account/i.test(name)
    ) {
      this.ownerAccounts.add(value);
    }
  }

  // --- Models → records ---------------------------------------------------------------------

  private prov(m: Model) {
    return { file: this.file, table: m.type, rowId: m.id };
  }

  private partyOf(p: Model | undefined, app: string): (Party & { owner: boolean }) | null {
    if (!p) return null;
    const raw = str(p, 'Identifier') ?? str(p, 'Name');
    if (raw === null) return null;
    const pt = party(raw.trim(), this.sink.country, str(p, 'Name'));
    // IsPhoneOwner where the report says; else whether it is one of the owner's known numbers.
    const owner = bool(p, 'IsPhoneOwner') ?? (pt.e164 !== null && this.ownerPhones.has(pt.e164));
    if (owner) {
      const own = raw.includes('@')
        ? jidNumber(raw)
        : app === 'native' || raw.trim().startsWith('+')
          ? pt.e164
          : null;
      if (own) this.ownerPhones.add(own);
    }
    return { ...pt, owner };
  }

  private attachmentsOf(m: Model): DeviceAttachment[] {
    const seen = new Set<string>();
    const out: DeviceAttachment[] = [];
    const add = (a: Model) => {
      const key = a.id || `${str(a, 'Filename')}|${str(a, 'Data')}`;
      if (seen.has(key)) return;
      seen.add(key);
      const size = str(a, 'Data') ?? str(a, 'Size');
      const bytes = size !== null && /^\d+$/.test(size.trim()) ? Number(size) : null;
      out.push({ fileName: str(a, 'Filename'), mimeType: str(a, 'ContentType'), bytes });
    };
    for (const a of [...subs(m, 'Attachments'), ...subs(m, 'Attachment')]) add(a);
    // A forwarded message carries what it forwards as an embedded copy.
    for (const e of subs(m, 'EmbeddedInstantMessage'))
      for (const a of [...subs(e, 'Attachments'), ...subs(e, 'Attachment')]) add(a);
    return out;
  }

  private startMessages(chat: Model): void {
    // Fields come before Messages in every report seen; if Participants has not come yet, the
    // messages wait for the chat's end.
    if (chat.subs.has('Participants') || chat.fields.has('Id')) this.recordChat(chat);
  }

  private recordChat(chat: Model): DeviceChatRecord {
    const state = chat.chat!;
    if (state.record) return state.record;
    const app = appOf(str(chat, 'Source'), 'unknown');
    const id = str(chat, 'Id');
    const parties = subs(chat, 'Participants')
      .map((p) => ({ p: this.partyOf(p, app), admin: bool(p, 'IsGroupAdmin') === true }))
      .filter((x): x is { p: Party & { owner: boolean }; admin: boolean } => x.p !== null);
    const distinct = new Set(parties.map((x) => x.p.raw));
    const name = str(chat, 'Name');
    const group =
      (id !== null && /@g\.us$|@broadcast$/i.test(id.trim())) ||
      distinct.size > 2 ||
      parties.some((x) => x.admin) ||
      // Without a member list: a named chat whose id is nobody's number.
      (distinct.size < 2 &&
        name !== null &&
        id !== null &&
        !distinct.has(id.trim()) &&
        !id.includes('@') &&
        toE164(id, this.sink.country) === null);
    const strip = (p: Party & { owner: boolean }): Party =>
      p.name === undefined
        ? { raw: p.raw, e164: p.e164 }
        : { raw: p.raw, e164: p.e164, name: p.name };
    const others = parties.filter((x) => !x.p.owner);
    const participants = (group || others.length === 0 ? parties : others).map((x) => strip(x.p));
    const record: DeviceChatRecord = {
      kind: 'chat',
      app,
      key: id?.trim() ?? chat.id,
      group,
      subject: group ? name : null,
      participants,
      createdAt: isoText(str(chat, 'StartTime')),
      prov: this.prov(chat),
    };
    state.record = record;
    this.emit(record);
    return record;
  }

  private chatMessage(m: Model, chat: Model): void {
    const c = chat.chat!.record!;
    this.emit(this.instantMessage(m, c.app, c.key));
  }

  private instantMessage(m: Model, app: string, chatKey: string | null): DeviceMessageRecord {
    const from = this.partyOf(subs(m, 'From')[0], app);
    let direction: DeviceMessageRecord['direction'] = 'unknown';
    if (from) direction = from.owner ? 'outgoing' : 'incoming';
    return {
      kind: 'message',
      app,
      chatKey,
      direction,
      sender: from ? plain(from) : null,
      at: isoText(str(m, 'TimeStamp')) ?? NO_TIME,
      text: str(m, 'Body'),
      attachments: this.attachmentsOf(m),
      prov: this.prov(m),
    };
  }

  private topLevel(m: Model): void {
    switch (m.type) {
      case 'Contact':
        return this.contact(m);
      case 'Call':
        return this.call(m);
      case 'Chat': {
        const record = this.recordChat(m);
        for (const msg of m.chat!.pending)
          this.emit(this.instantMessage(msg, record.app, record.key));
        m.chat!.pending = [];
        return;
      }
      case 'InstantMessage':
        return this.emit(this.instantMessage(m, appOf(str(m, 'Source'), 'unknown'), null));
      case 'SMS':
      case 'MMS':
        return this.sms(m);
      case 'Email':
        return this.email(m);
      case 'UserAccount':
        return this.account(m);
      default:
        return;
    }
  }

  private contact(m: Model): void {
    const country = this.sink.country;
    const phones: (Party & { label: string | null })[] = [];
    const emails: string[] = [];
    const jids: string[] = [];
    for (const e of subs(m, 'Entries')) {
      const value = str(e, 'Value');
      if (value === null) continue;
      const label = str(e, 'Category')?.toLowerCase() ?? null;
      if (e.type === 'PhoneNumber')
        phones.push({ raw: value, e164: toE164(value, country), label });
      else if (e.type === 'EmailAddress') emails.push(value);
      else if (e.type === 'UserID' && value.includes('@')) jids.push(value);
    }
    for (const jid of jids) {
      const n = jidNumber(jid);
      if (n && !phones.some((p) => p.e164 === n)) phones.push({ raw: jid, e164: n, label: null });
    }
    this.emit({
      kind: 'contact',
      app: appOf(str(m, 'Source')),
      name: str(m, 'Name'),
      phones,
      emails,
      prov: this.prov(m),
    });
  }

  private call(m: Model): void {
    const app = appOf(str(m, 'Source'));
    const type = (str(m, 'Type') ?? '').toLowerCase();
    const dir = (str(m, 'Direction') ?? '').toLowerCase();
    const parties = subs(m, 'Parties').map((p) => ({
      p: this.partyOf(p, app),
      role: (str(p, 'Role') ?? '').toLowerCase(),
    }));
    let direction: 'incoming' | 'outgoing' | 'missed' | 'unknown' = 'unknown';
    if (/missed|rejected|declined|unanswered/.test(type)) direction = 'missed';
    else if (type === 'outgoing' || dir === 'outgoing') direction = 'outgoing';
    else if (type === 'incoming' || dir === 'incoming') direction = 'incoming';
    else {
      const from = parties.find((x) => x.role === 'from')?.p;
      if (from) direction = from.owner ? 'outgoing' : 'incoming';
    }
    const others = parties.filter((x) => x.p && !x.p.owner);
    const preferred = direction === 'outgoing' ? 'to' : 'from';
    const other = (others.find((x) => x.role === preferred) ?? others[0])?.p ?? null;
    this.emit({
      kind: 'call',
      app,
      direction,
      party: other ? plain(other) : null,
      at: isoText(str(m, 'TimeStamp')) ?? NO_TIME,
      durationSeconds: timeSpanSeconds(str(m, 'Duration')),
      video: bool(m, 'VideoCall') === true || /video/.test(type),
      prov: this.prov(m),
    });
  }

  private sms(m: Model): void {
    const app = appOf(str(m, 'Source'));
    const parties = subs(m, 'Parties').map((p) => ({
      p: this.partyOf(p, app),
      role: (str(p, 'Role') ?? '').toLowerCase(),
    }));
    const from = (parties.find((x) => x.role === 'from') ?? null)?.p ?? null;
    const folder = (str(m, 'Folder') ?? str(m, 'Direction') ?? '').toLowerCase();
    let direction: DeviceMessageRecord['direction'] = 'unknown';
    if (/sent|outbox|outgoing|draft/.test(folder)) direction = 'outgoing';
    else if (/inbox|incoming|received/.test(folder)) direction = 'incoming';
    else if (from) direction = from.owner ? 'outgoing' : 'incoming';
    this.emit({
      kind: 'message',
      app,
      chatKey: null,
      direction,
      sender: from ? plain(from) : null,
      at: isoText(str(m, 'TimeStamp') ?? str(m, 'DateSent') ?? str(m, 'DateRead')) ?? NO_TIME,
      text: str(m, 'Body') ?? str(m, 'Subject'),
      attachments: this.attachmentsOf(m),
      prov: this.prov(m),
    });
  }

  private email(m: Model): void {
    const app = appOf(str(m, 'Source'), 'email');
    const from = this.partyOf(subs(m, 'From')[0], app);
    const folder = (str(m, 'Folder') ?? '').toLowerCase();
    let direction: DeviceMessageRecord['direction'] = 'unknown';
    if (from?.owner || /sent|outbox/.test(folder)) direction = 'outgoing';
    else if (from || /inbox/.test(folder)) direction = 'incoming';
    const subject = str(m, 'Subject');
    const body = str(m, 'Body');
    this.emit({
      kind: 'message',
      app,
      chatKey: null,
      direction,
      sender: from ? plain(from) : null,
      at: isoText(str(m, 'TimeStamp')) ?? NO_TIME,
      text: subject !== null && body !== null ? `${subject}\n\n${body}` : (subject ?? body),
      attachments: this.attachmentsOf(m),
      prov: this.prov(m),
    });
  }

  private account(m: Model): void {
    const app = appOf(str(m, 'Source') ?? str(m, 'ServiceType'), 'unknown');
    const entries = subs(m, 'Entries');
    const entry = (type: string, ok: (e: Model) => boolean = () => true) =>
      entries.find((e) => e.type === type && str(e, 'Value') !== null && ok(e));
    const best =
      entry('UserID', (e) => !/additional|display|nick/i.test(str(e, 'Category') ?? '')) ??
      entry('PhoneNumber') ??
      entry('EmailAddress') ??
      entry('UserID');
    const picked = str(m, 'Username') ?? (best ? str(best, 'Value') : null);
    if (picked === null) return;
    const value = picked.trim();
    const number = value.includes('@') ? jidNumber(value) : null;
    const identifier = number ?? value;
    if (number) this.ownerPhones.add(number);
    this.ownerAccounts.add(identifier);
    this.emit({
      kind: 'account',
      app,
      identifier,
      displayName: str(m, 'Name'),
      prov: this.prov(m),
    });
  }
}

interface Frame {
  kind: 'model' | 'field' | 'sub' | 'other';
  name: string;
  model?: Model;
}

function localName(qname: string): string {
  const i = qname.indexOf(':');
  return i < 0 ? qname : qname.slice(i + 1);
}

function plain(p: Party & { owner: boolean }): Party {
  return p.name === undefined
    ? { raw: p.raw, e164: p.e164 }
    : { raw: p.raw, e164: p.e164, name: p.name };
}

// ---------------------------------------------------------------------------------------------
// Driving the parser over a stream

async function flush(reader: UfedReader, sink: ReadSink, state: { n: number }): Promise<void> {
  const records = reader.out.records;
  if (records.length === 0) return;
  reader.out.records = [];
  for (const r of records) {
    sink.record(r);
    if (++state.n % DRAIN_EVERY === 0) await sink.drain();
  }
}

/**
 * Parse a report from a byte stream. Resolves when the stream ends, fails, or the XML breaks;
 * never rejects for bad input.
 */
async function parseStream(
  stream: NodeJS.ReadableStream,
  sink: ReadSink,
  file: string,
): Promise<void> {
  const reader = new UfedReader(sink, file);
  const state = { n: 0 };
  let decoder: StringDecoder | null = null;
  let readError: Error | null = null;
  let bytes = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer | string>) {
      let text: string;
      if (typeof chunk === 'string') text = chunk;
      else {
        if (!decoder) {
          // UTF-16 reports carry a BOM; everything else is read as UTF-8.
          const le = chunk[0] === 0xff && chunk[1] === 0xfe;
          decoder = new StringDecoder(le ? 'utf16le' : 'utf8');
        }
        bytes += chunk.length;
        text = decoder.write(chunk);
      }
      reader.parser.write(text);
      await flush(reader, sink, state);
      if (reader.failed) break;
    }
  } catch (err) {
    readError = err as Error;
  }
  if (readError) {
    // Close the document as far as it was read: what was complete is kept.
    await flush(reader, sink, state);
    sink.warn({
      file,
      message: `read error after ${bytes} bytes (${readError.message}): records before it were kept, the rest was not read`,
    });
    reader.finish(null);
  } else {
    if (!reader.failed) {
      if (decoder) reader.parser.write(decoder.end());
      reader.parser.close();
    }
    await flush(reader, sink, state);
    const truncated = reader.failed && /unclosed tag|unexpected end/.test(reader.failed.message);
    reader.finish(truncated ? ' — the file ends early (truncated?)' : null);
  }
  if ('destroy' in stream && typeof stream.destroy === 'function') (stream as Readable).destroy();
  await sink.drain();
}

/**
 * Read a bare UFED report XML (a `report.xml`, or a fragment rooted at `<modelType>` or
 * `<model>`) from a stream or a file path. `label` is the file name records and warnings carry.
 */
export async function readUfedXml(
  input: NodeJS.ReadableStream | string,
  sink: ReadSink,
  label: string,
): Promise<void> {
  let stream: NodeJS.ReadableStream;
  if (typeof input === 'string') {
    const s = createReadStream(input, { highWaterMark: 1 << 16 });
    const opened = await new Promise<Error | null>((resolve) => {
      s.once('open', () => resolve(null));
      s.once('error', (err) => resolve(err));
    });
    if (opened) {
      sink.warn({ file: label, message: `cannot open (${opened.message}): not read` });
      return;
    }
    stream = s;
  } else stream = input;
  await parseStream(stream, sink, label);
}

// ---------------------------------------------------------------------------------------------
// UFDR (zip)

function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, autoClose: false }, (err, zip) =>
      err || !zip ? reject(err ?? new Error('no zip')) : resolve(zip),
    ),
  );
}

/** The entry holding the report: `report.xml` in any case, the shallowest one. */
function findReport(zip: yauzl.ZipFile): Promise<yauzl.Entry | null> {
  return new Promise((resolve, reject) => {
    let best: yauzl.Entry | null = null;
    const depth = (e: yauzl.Entry) => e.fileName.split('/').length;
    zip.on('entry', (e: yauzl.Entry) => {
      const name = e.fileName.split('/').pop()!.toLowerCase();
      if (name === 'report.xml' && (!best || depth(e) < depth(best))) best = e;
      // Cellebrite writes it at the root: no need to look through every file entry.
      if (best && depth(best) === 1) {
        resolve(best);
        return;
      }
      zip.readEntry();
    });
    zip.on('end', () => resolve(best));
    zip.on('error', reject);
    zip.readEntry();
  });
}

/**
 * A zip whose central directory cannot be read, but whose first entry is report.xml (as
 * Cellebrite and the synthetic writer place it): the entry is streamed from its local header, as
 * far as the file goes. False when the file does not start that way.
 */
async function readFromLocalHeader(file: string, name: string, sink: ReadSink): Promise<boolean> {
  let head: Buffer;
  try {
    const fd = await open(file, 'r');
    try {
      const buf = Buffer.alloc(30 + 0xffff * 2);
      const { bytesRead } = await fd.read(buf, 0, buf.length, 0);
      head = buf.subarray(0, bytesRead);
    } finally {
      await fd.close();
    }
  } catch {
    return false;
  }
  if (head.length < 30 || head.readUInt32LE(0) !== 0x04034b50) return false;
  const flags = head.readUInt16LE(6);
  const method = head.readUInt16LE(8);
  const compressed = head.readUInt32LE(18);
  const n = head.readUInt16LE(26);
  const m = head.readUInt16LE(28);
  const entry = head.subarray(30, 30 + n).toString(flags & 0x800 ? 'utf8' : 'latin1');
  if (entry.replaceAll('\\', '/').split('/').pop()!.toLowerCase() !== 'report.xml') return false;
  const damaged = `the zip's central directory is missing or damaged (a truncated copy?)`;
  if (flags & 1) {
    sink.warn({
      file: name,
      message: `password-protected UFDR: ${entry} is encrypted and was not read (${damaged})`,
    });
    return true;
  }
  const start = 30 + n + m;
  let stream: NodeJS.ReadableStream;
  if (method === 8) {
    const source = createReadStream(file, { start });
    const inflate = createInflateRaw();
    source.on('error', (err) => inflate.destroy(err));
    stream = source.pipe(inflate);
  } else if (method === 0 && !(flags & 8) && compressed > 0)
    stream = createReadStream(file, { start, end: start + compressed - 1 });
  else return false;
  sink.warn({ file: name, message: `${damaged}: ${entry} read from its local header` });
  await parseStream(stream, sink, entry);
  return true;
}

/**
 * Read a Cellebrite UFDR: the `report.xml` entry of the zip is streamed through the parser, never
 * extracted. Records carry the entry's name (`report.xml`) as their file; warnings about the
 * container name the UFDR.
 */
export async function readUfdr(file: string, sink: ReadSink): Promise<void> {
  const name = basename(file);
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(file);
  } catch (err) {
    // No central directory (a copy cut short, say): report.xml may still be the first entry.
    if (await readFromLocalHeader(file, name, sink)) return;
    sink.warn({
      file: name,
      message: `not a readable UFDR (zip): ${(err as Error).message}: not read`,
    });
    return;
  }
  try {
    let entry: yauzl.Entry | null;
    try {
      entry = await findReport(zip);
    } catch (err) {
      sink.warn({ file: name, message: `damaged zip (${(err as Error).message}): not read` });
      return;
    }
    if (!entry) {
      sink.warn({ file: name, message: 'no report.xml in the UFDR: not read' });
      return;
    }
    if (entry.isEncrypted()) {
      sink.warn({
        file: name,
        message: `password-protected UFDR: ${entry.fileName} is encrypted and was not read`,
      });
      return;
    }
    const report = entry;
    let stream: Readable;
    try {
      stream = await new Promise<Readable>((resolve, reject) =>
        zip.openReadStream(report, (err, s) => (err || !s ? reject(err) : resolve(s))),
      );
    } catch (err) {
      sink.warn({
        file: name,
        message: `${report.fileName} cannot be read (${(err as Error).message}): not read`,
      });
      return;
    }
    await parseStream(stream, sink, report.fileName);
  } finally {
    zip.close();
  }
}
