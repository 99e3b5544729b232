import type { Writable } from 'node:stream';
import { once } from 'node:events';
import { audit, type Actor, type Context } from '../../access/context.js';
import { requireMember } from '../../access/investigations.js';
import { NotFoundError, ValidationError } from '../../model/errors.js';
import {
  type CustodyEventRow,
  type DeviceCallRow,
  type DeviceMessageRow,
  type DeviceImportRow,
  type EvidenceItemRow,
  type RecordKind,
} from '../../store/devices.js';
import type {
  AdsByNumber,
  CallView,
  ContactView,
  CustodyStep,
  DeviceCallsView,
  DeviceChatsView,
  DeviceContactsView,
  DeviceDetail,
  DeviceMessagesView,
  DeviceNumbersView,
  DeviceSearchView,
  DeviceSummary,
  DeviceTimelineView,
  MessageView,
  PartyView,
  TimelineEvent,
  Where,
} from '../../model/devices.js';
import { reportOf } from './import.js';

/**
 * Reading devices: every read goes through the item's investigation (need-to-know), so a user
 * who is not a member gets "not found" and the attempt is audited (see investigations.ts).
 */

export const CUSTODY_EVENTS = [
  'seized',
  'sealed',
  'extracted',
  'imported',
  'examined',
  'returned',
] as const;
export type CustodyEvent = (typeof CUSTODY_EVENTS)[number];

function step(r: CustodyEventRow): CustodyStep {
  return {
    event: r.event,
    at: r.at,
    by: r.actor_name,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
    recordedAt: r.recorded_at,
  };
}

/** The item, if the actor may see it (a member of its investigation); else not found, audited. */
export async function requireItem(
  ctx: Context,
  actor: Actor,
  itemId: string,
  action: string,
): Promise<{ item: EvidenceItemRow; investigation: { id: string; name: string } }> {
  const item = await ctx.store.devices.item(itemId);
  if (!item) throw new NotFoundError('device');
  const inv = await requireMember(ctx, actor, item.investigation_id, action);
  return { item, investigation: { id: inv.id, name: inv.name } };
}

function latestComplete(imports: readonly DeviceImportRow[]): DeviceImportRow | null {
  return [...imports].reverse().find((i) => i.status === 'complete') ?? null;
}

export async function listDevices(ctx: Context, actor: Actor): Promise<DeviceSummary[]> {
  // Membership, not administration: an administrator sees that investigations exist, not their content.
  const invs = actor.id ? await ctx.store.investigations.ofMember(actor.id) : [];
  const names = new Map(invs.map((i) => [i.id, i.name]));
  // Seized cash and documents are evidence items too, but not devices.
  const items = (await ctx.store.devices.items([...names.keys()])).filter(
    (i) => i.kind !== 'cash' && i.kind !== 'documents',
  );
  const imports = await ctx.store.devices.imports(items.map((i) => i.id));
  return items.map((item) => {
    const latest = latestComplete(imports.filter((i) => i.item_id === item.id));
    return {
      item: item.id,
      investigation: { id: item.investigation_id, name: names.get(item.investigation_id) ?? '' },
      kind: item.kind,
      createdAt: item.created_at,
      latest: latest ? reportOf(latest, item.investigation_id) : null,
    };
  });
}

export async function getDevice(ctx: Context, actor: Actor, itemId: string): Promise<DeviceDetail> {
  const { item, investigation } = await requireItem(ctx, actor, itemId, 'device.read');
  const imports = await ctx.store.devices.imports([item.id]);
  const latest = latestComplete(imports);
  await audit(ctx.store, ctx.now(), actor, {
    action: 'device.read',
    targetType: 'evidence_item',
    targetId: item.id,
    investigationId: investigation.id,
  });
  return {
    item: item.id,
    investigation,
    kind: item.kind,
    createdAt: item.created_at,
    latest: latest ? reportOf(latest, investigation.id) : null,
    imports: imports.map((i) => ({
      ...reportOf(i, investigation.id),
      importedBy: i.imported_by,
      startedAt: i.started_at,
      finishedAt: i.finished_at,
      status: i.status,
      software: i.schakel_version,
    })),
    custody: (await ctx.store.devices.custody(item.id)).map(step),
  };
}

/** Adds a step to an item's chain of custody (seized, sealed, extracted, examined, returned); audited. */
export async function recordCustody(
  ctx: Context,
  actor: Actor,
  itemId: string,
  input: { event: string; at?: string; detail?: Record<string, unknown> },
): Promise<CustodyStep> {
  const { item, investigation } = await requireItem(ctx, actor, itemId, 'custody.record');
  if (!(CUSTODY_EVENTS as readonly string[]).includes(input.event) || input.event === 'imported')
    throw ValidationError.field(
      'event',
      `one of ${CUSTODY_EVENTS.filter((e) => e !== 'imported').join(', ')} (imported is recorded by the import itself)`,
    );
  const now = ctx.now();
  const at = input.at ?? now.toISOString();
  if (Number.isNaN(Date.parse(at))) throw ValidationError.field('at', `"${at}" is not a time`);
  if (Date.parse(at) > now.getTime() + 60_000)
    throw ValidationError.field('at', 'lies in the future');
  const row = {
    item_id: item.id,
    event: input.event,
    at: new Date(at).toISOString(),
    actor_id: actor.id,
    actor_name: actor.name,
    detail: JSON.stringify(input.detail ?? {}),
    recorded_at: now.toISOString(),
  };
  await ctx.store.transaction(async (tx) => {
    await tx.devices.addCustody(row);
    await audit(tx, now, actor, {
      action: 'custody.record',
      targetType: 'evidence_item',
      targetId: item.id,
      investigationId: investigation.id,
      detail: { event: input.event, at: row.at },
    });
  });
  return {
    event: row.event,
    at: row.at,
    by: row.actor_name,
    detail: input.detail ?? {},
    recordedAt: row.recorded_at,
  };
}

/** The latest complete import of an item, for reading its records. */
export async function deviceImport(
  ctx: Context,
  actor: Actor,
  itemId: string,
  action: string,
): Promise<{ importSeq: number; investigation: string }> {
  const { item, investigation } = await requireItem(ctx, actor, itemId, action);
  const latest = latestComplete(await ctx.store.devices.imports([item.id]));
  if (!latest) throw new NotFoundError('device import');
  return { importSeq: latest.seq, investigation: investigation.id };
}

const EXPORT_ORDER: RecordKind[] = ['account', 'contact', 'chat', 'message', 'call'];
const JSON_COLUMNS = new Set(['phones', 'emails', 'participants', 'attachments']);

/**
 * `schakel export device ITEM --format jsonl`: the normalised records of the item's latest import,
 * one JSON line each with its kind and provenance (file, table, row). Audited.
 */
export async function exportDeviceJsonl(
  ctx: Context,
  actor: Actor,
  itemId: string,
  out: Writable,
  onProgress?: (done: number) => void,
): Promise<number> {
  const { importSeq, investigation } = await deviceImport(ctx, actor, itemId, 'device.export');
  await audit(ctx.store, ctx.now(), actor, {
    action: 'device.export',
    targetType: 'evidence_item',
    targetId: itemId,
    investigationId: investigation,
  });
  const sources = await ctx.store.devices.sources([importSeq]);
  let n = 0;
  for (const kind of EXPORT_ORDER) {
    let after = 0;
    for (;;) {
      const rows = await ctx.store.devices.recordPage(kind, importSeq, after, 2_000);
      if (rows.length === 0) break;
      for (const row of rows) {
        const record: Record<string, unknown> = { kind, item: itemId };
        for (const [k, v] of Object.entries(row)) {
          if (k === 'seq' || k === 'import_seq' || k === 'search_vector' || k.startsWith('source'))
            continue;
          record[k] = JSON_COLUMNS.has(k) && typeof v === 'string' ? JSON.parse(v) : v;
        }
        const where = whereOf(
          {
            import_seq: importSeq,
            source: Number(row.source),
            source_row: row.source_row === null ? null : String(row.source_row),
          },
          sources,
        );
        record.provenance = where;
        if (!out.write(`${JSON.stringify(record)}\n`)) await once(out, 'drain');
        n++;
      }
      after = Number(rows[rows.length - 1]!.seq);
      onProgress?.(n);
    }
  }
  return n;
}

// --- records as the device page shows them ------------------------------------------------------

/** Import → source number → file and table (see DevicesRepo.sources). */
type Sources = Map<number, Map<number, { file: string; table: string | null }>>;

function whereOf(
  r: { import_seq: number; source: number; source_row: string | null },
  sources: Sources,
): Where {
  const at = sources.get(r.import_seq)?.get(r.source);
  return { file: at?.file ?? '?', table: at?.table ?? null, row: r.source_row };
}

async function adsFor(ctx: Context, numbers: Iterable<string | null>): Promise<AdsByNumber> {
  const wanted = [...new Set([...numbers].filter((n): n is string => n !== null))];
  const found = await ctx.store.devices.numbersInAds(wanted);
  return Object.fromEntries([...found].map(([n, ads]) => [n, ads.slice(0, 20)]));
}

function messageView(r: DeviceMessageRow, sources: Sources): MessageView {
  return {
    id: r.seq,
    app: r.app,
    chatKey: r.chat_key,
    direction: r.direction,
    sender: r.sender === null ? null : { raw: r.sender, e164: r.sender_e164 },
    at: r.at,
    atOriginal: r.at_original,
    atZone: r.at_zone,
    text: r.text,
    attachments: r.attachments ? (JSON.parse(r.attachments) as MessageView['attachments']) : [],
    where: whereOf(r, sources),
  };
}

function callView(r: DeviceCallRow, sources: Sources): CallView {
  return {
    id: r.seq,
    app: r.app,
    direction: r.direction,
    party: r.party === null ? null : { raw: r.party, e164: r.party_e164 },
    at: r.at,
    atOriginal: r.at_original,
    atZone: r.at_zone,
    durationSeconds: r.duration_s,
    video: r.video === 1,
    where: whereOf(r, sources),
  };
}

export async function deviceContacts(
  ctx: Context,
  actor: Actor,
  itemId: string,
): Promise<DeviceContactsView> {
  const { importSeq } = await deviceImport(ctx, actor, itemId, 'device.read');
  const sources = await ctx.store.devices.sources([importSeq]);
  const rows = await ctx.store.devices.contacts(importSeq);
  const contacts = rows.map((r) => ({
    id: r.seq,
    app: r.app,
    name: r.name,
    phones: JSON.parse(r.phones) as ContactView['phones'],
    emails: JSON.parse(r.emails) as string[],
    where: whereOf(r, sources),
  }));
  const accounts = (await ctx.store.devices.accounts(importSeq)).map((a) => ({
    id: a.seq,
    app: a.app,
    identifier: a.identifier,
    displayName: a.display_name,
    where: whereOf(a, sources),
  }));
  return {
    contacts,
    accounts,
    adsByNumber: await adsFor(
      ctx,
      contacts.flatMap((c) => c.phones.map((p) => p.e164)),
    ),
  };
}

/**
 * Number → the name the owner saved it under, from the device's own contacts: a thread of bare
 * numbers reads as the owner saw it. A name the record itself carries is kept.
 */
async function savedNames(ctx: Context, importSeq: number): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const c of await ctx.store.devices.contacts(importSeq)) {
    if (!c.name) continue;
    for (const p of JSON.parse(c.phones) as PartyView[])
      if (p.e164 && !names.has(p.e164)) names.set(p.e164, c.name);
  }
  return names;
}

function named(p: PartyView, names: Map<string, string>): PartyView {
  return p.name || !p.e164 || !names.has(p.e164) ? p : { ...p, name: names.get(p.e164)! };
}

export async function deviceChats(
  ctx: Context,
  actor: Actor,
  itemId: string,
): Promise<DeviceChatsView> {
  const { importSeq } = await deviceImport(ctx, actor, itemId, 'device.read');
  const sources = await ctx.store.devices.sources([importSeq]);
  const names = await savedNames(ctx, importSeq);
  const chats = (await ctx.store.devices.chats(importSeq)).map((c) => ({
    id: c.seq,
    app: c.app,
    key: c.chat_key,
    group: c.is_group === 1,
    subject: c.subject,
    participants: (JSON.parse(c.participants) as PartyView[]).map((p) => named(p, names)),
    createdAt: c.created_at,
    messages: c.messages,
    lastAt: c.last,
    where: whereOf(c, sources),
  }));
  return {
    chats,
    adsByNumber: await adsFor(
      ctx,
      chats.flatMap((c) => c.participants.map((p) => p.e164)),
    ),
  };
}

export async function deviceMessages(
  ctx: Context,
  actor: Actor,
  itemId: string,
  q: { app?: string; chat?: string; offset?: number; limit?: number },
): Promise<DeviceMessagesView> {
  const { importSeq } = await deviceImport(ctx, actor, itemId, 'device.read');
  const sources = await ctx.store.devices.sources([importSeq]);
  const rows = await ctx.store.devices.messages(importSeq, {
    ...(q.app !== undefined ? { app: q.app } : {}),
    ...(q.chat !== undefined ? { chatKey: q.chat } : {}),
    offset: q.offset ?? 0,
    limit: Math.min(q.limit ?? 200, 1000),
  });
  const names = await savedNames(ctx, importSeq);
  const messages = rows.map((m) => {
    const v = messageView(m, sources);
    return v.sender ? { ...v, sender: named(v.sender, names) } : v;
  });
  return {
    messages,
    adsByNumber: await adsFor(
      ctx,
      messages.map((m) => m.sender?.e164 ?? null),
    ),
  };
}

export async function deviceCalls(
  ctx: Context,
  actor: Actor,
  itemId: string,
): Promise<DeviceCallsView> {
  const { importSeq } = await deviceImport(ctx, actor, itemId, 'device.read');
  const sources = await ctx.store.devices.sources([importSeq]);
  const calls = (await ctx.store.devices.calls(importSeq)).map((c) => callView(c, sources));
  return {
    calls,
    adsByNumber: await adsFor(
      ctx,
      calls.map((c) => c.party?.e164 ?? null),
    ),
  };
}

/** Messages and calls of a device in one time line, oldest first, a page at a time. */
export async function deviceTimeline(
  ctx: Context,
  actor: Actor,
  itemId: string,
  q: { offset?: number; limit?: number },
): Promise<DeviceTimelineView> {
  const { importSeq } = await deviceImport(ctx, actor, itemId, 'device.read');
  const sources = await ctx.store.devices.sources([importSeq]);
  const offset = q.offset ?? 0;
  const limit = Math.min(q.limit ?? 200, 1000);
  // The first offset+limit of each, merged: exact for any page, cheap for the first pages read.
  const [messages, calls] = await Promise.all([
    ctx.store.devices.messages(importSeq, { offset: 0, limit: offset + limit }),
    ctx.store.devices.calls(importSeq),
  ]);
  const events = [
    ...messages.map((m): TimelineEvent => ({
      type: 'message',
      at: m.at,
      message: messageView(m, sources),
    })),
    ...calls.map((c): TimelineEvent => ({ type: 'call', at: c.at, call: callView(c, sources) })),
  ]
    .sort((a, b) => ((a.at ?? '') < (b.at ?? '') ? -1 : (a.at ?? '') > (b.at ?? '') ? 1 : 0))
    .slice(offset, offset + limit);
  return { events };
}

/** Full-text search over the messages of every device of the investigations the actor is in. */
export async function searchDeviceMessages(
  ctx: Context,
  actor: Actor,
  q: { q: string; investigation?: string; limit?: number },
): Promise<DeviceSearchView> {
  const invs = actor.id ? await ctx.store.investigations.ofMember(actor.id) : [];
  const ids = invs.map((i) => i.id).filter((id) => !q.investigation || id === q.investigation);
  if (q.investigation && ids.length === 0)
    await requireMember(ctx, actor, q.investigation, 'device.search');
  const items = await ctx.store.devices.items(ids);
  const imports = await ctx.store.devices.imports(items.map((i) => i.id));
  const latest = new Map<string, number>();
  for (const i of imports) if (i.status === 'complete') latest.set(i.item_id, i.seq);
  const itemOf = new Map([...latest].map(([item, seq]) => [seq, item]));
  const rows = await ctx.store.devices.searchMessages(
    [...latest.values()],
    q.q,
    Math.min(q.limit ?? 100, 500),
  );
  await audit(ctx.store, ctx.now(), actor, {
    action: 'device.search',
    targetType: 'investigation',
    targetId: q.investigation ?? null,
    detail: { q: q.q, hits: rows.length },
  });
  const sources = await ctx.store.devices.sources([...new Set(rows.map((r) => r.import_seq))]);
  return {
    hits: rows.map((r) => ({ item: itemOf.get(r.import_seq) ?? '', ...messageView(r, sources) })),
  };
}

/** Every number on a device with where it appears, and the ads that show it. */
export async function deviceNumbers(
  ctx: Context,
  actor: Actor,
  itemId: string,
): Promise<DeviceNumbersView> {
  const { importSeq } = await deviceImport(ctx, actor, itemId, 'device.read');
  const rows = await ctx.store.devices.numbers(importSeq);
  const by = new Map<string, Record<string, number>>();
  for (const r of rows) by.set(r.e164, { ...(by.get(r.e164) ?? {}), [r.role]: r.count });
  const ads = await ctx.store.devices.numbersInAds([...by.keys()]);
  return {
    numbers: [...by].map(([e164, roles]) => ({
      e164,
      roles,
      ads: (ads.get(e164) ?? []).slice(0, 20),
      adCount: ads.get(e164)?.length ?? 0,
    })),
  };
}
