import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import yauzl from 'yauzl';
import { IOS_PATHS, whatsappPaths, writeIos } from '../../src/scenario/devices/ios.js';
import { countsOf, type DeviceExtraction } from '../../src/scenario/devices/model.js';
import { sampleDevice } from '../../src/scenario/devices/sample.js';
import { encodeAttributedBody } from '../../src/scenario/devices/typedstream.js';

const COCOA_EPOCH_S = 978_307_200;
const SAMPLES = '/work/shared/data/forensics/ilEAPP-ios';
const CHAT_SAMPLE = join(SAMPLES, 'testdata.whatsApp.whatsAppMessages.josh_ios15_ffs.zip');
const CALLS_SAMPLE = join(SAMPLES, 'testdata.whatsApp.whatsAppCallHistory.josh_ios15_ffs.zip');
const AB_SAMPLE = join(SAMPLES, 'testdata.addressBook.addressBook.josh_ios15_ffs.zip');

/**
 * Text out of an `attributedBody` the way public parsers read it: after the first `NSString`
 * class name skip 5 bytes (version, superclass ref, the `+` type), then a length — one byte, or
 * 0x81 + uint16 LE, or 0x82 + uint32 LE — then that many UTF-8 bytes.
 */
function textFromAttributedBody(blob: Buffer): string {
  const at = blob.indexOf('NSString');
  assert.ok(at > 0, 'no NSString in attributedBody');
  let p = at + 'NSString'.length + 5;
  let length = blob[p++]!;
  if (length === 0x81) {
    length = blob.readUInt16LE(p);
    p += 2;
  } else if (length === 0x82) {
    length = blob.readUInt32LE(p);
    p += 4;
  }
  return blob.subarray(p, p + length).toString('utf8');
}

function open(path: string) {
  return new Database(path, { readonly: true, fileMustExist: true });
}

function columns(db: Database.Database, table: string): string[] {
  return (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
}

function count(db: Database.Database, table: string): number {
  return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

function cocoaToIso(seconds: number): string {
  return new Date(Math.round((seconds + COCOA_EPOCH_S) * 1000)).toISOString();
}

function sha256Tree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(relative(dir, p), createHash('sha256').update(readFileSync(p)).digest('hex'));
    }
  };
  walk(dir);
  return out;
}

/**
 * Copy a public sample zip into `into` (the originals are never opened in place) and extract the
 * entries whose names end with one of `suffixes` next to it.
 */
async function extractSample(
  original: string,
  suffixes: string[],
  into: string,
): Promise<string[]> {
  const zip = join(into, original.split('/').pop()!);
  copyFileSync(original, zip);
  const zipfile = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(zip, { lazyEntries: true }, (err, z) => (err ? reject(err) : resolve(z))),
  );
  const written: string[] = [];
  await new Promise<void>((resolve, reject) => {
    zipfile.on('error', reject);
    zipfile.on('end', () => resolve());
    zipfile.on('entry', (entry: yauzl.Entry) => {
      const base = entry.fileName.split('/').pop()!;
      if (!suffixes.some((s) => base.endsWith(s))) {
        zipfile.readEntry();
        return;
      }
      zipfile.openReadStream(entry, (err, stream) => {
        if (err) return reject(err);
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const out = join(into, base);
          writeFileSync(out, Buffer.concat(chunks));
          written.push(out);
          zipfile.readEntry();
        });
        stream.on('error', reject);
      });
    });
    zipfile.readEntry();
  });
  return written;
}

describe('iOS file-system writer', () => {
  const device = sampleDevice('ios');
  const wa = whatsappPaths(device);
  let root: string;
  let dir: string;
  let files: string[];
  const at = (rel: string) => join(dir, ...rel.split('/'));

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'schakel-ios-'));
    dir = join(root, 'a');
    files = await writeIos(dir, device);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('writes the iOS databases, the WhatsApp AppGroup and the media, sorted, under private/var/mobile', () => {
    const expected = [
      IOS_PATHS.sms,
      IOS_PATHS.addressBook,
      IOS_PATHS.callHistory,
      IOS_PATHS.accounts,
      wa.chatStorage,
      wa.contacts,
      wa.calls,
      wa.prefs,
    ];
    for (const f of expected) assert.ok(files.includes(f), `missing ${f}`);
    assert.deepEqual(files, [...files].sort());
    assert.ok(files.every((f) => f.startsWith('private/var/mobile/')));
    assert.match(
      wa.chatStorage,
      /AppGroup\/[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\//,
    );
    const media = files.filter((f) => !expected.includes(f as (typeof expected)[number]));
    assert.equal(media.length, countsOf(device).media);
    for (const f of files) assert.ok(existsSync(at(f)), `${f} not on disk`);
  });

  it('opens every database read-only with the tables and columns readers query', () => {
    const want: [string, Record<string, string[]>][] = [
      [
        IOS_PATHS.sms,
        {
          message: [
            'ROWID',
            'guid',
            'text',
            'attributedBody',
            'handle_id',
            'service',
            'date',
            'date_read',
            'is_from_me',
            'is_read',
            'cache_has_attachments',
          ],
          handle: ['ROWID', 'id', 'service', 'country'],
          chat: ['ROWID', 'guid', 'chat_identifier', 'service_name', 'display_name', 'style'],
          chat_message_join: ['chat_id', 'message_id', 'message_date'],
          chat_handle_join: ['chat_id', 'handle_id'],
          attachment: [
            'ROWID',
            'filename',
            'mime_type',
            'transfer_name',
            'total_bytes',
            'created_date',
          ],
          message_attachment_join: ['message_id', 'attachment_id'],
        },
      ],
      [
        IOS_PATHS.addressBook,
        {
          ABPerson: ['ROWID', 'First', 'Last', 'Organization'],
          ABMultiValue: ['UID', 'record_id', 'property', 'identifier', 'label', 'value'],
          ABMultiValueLabel: ['value'],
        },
      ],
      [
        IOS_PATHS.callHistory,
        {
          ZCALLRECORD: [
            'Z_PK',
            'Z_ENT',
            'Z_OPT',
            'ZADDRESS',
            'ZDATE',
            'ZDURATION',
            'ZORIGINATED',
            'ZANSWERED',
            'ZCALLTYPE',
            'ZISO_COUNTRY_CODE',
            'ZSERVICE_PROVIDER',
          ],
          Z_PRIMARYKEY: ['Z_ENT', 'Z_NAME', 'Z_SUPER', 'Z_MAX'],
          Z_METADATA: ['Z_VERSION', 'Z_UUID', 'Z_PLIST'],
        },
      ],
      [
        IOS_PATHS.accounts,
        {
          ZACCOUNT: [
            'Z_PK',
            'ZUSERNAME',
            'ZACCOUNTDESCRIPTION',
            'ZACCOUNTTYPE',
            'ZDATE',
            'ZIDENTIFIER',
            'ZOWNINGBUNDLEID',
          ],
          ZACCOUNTTYPE: ['Z_PK', 'ZIDENTIFIER', 'ZACCOUNTTYPEDESCRIPTION'],
        },
      ],
      [
        wa.chatStorage,
        {
          ZWACHATSESSION: [
            'Z_PK',
            'ZCONTACTJID',
            'ZPARTNERNAME',
            'ZSESSIONTYPE',
            'ZGROUPINFO',
            'ZLASTMESSAGEDATE',
          ],
          ZWAMESSAGE: [
            'Z_PK',
            'ZMESSAGEDATE',
            'ZISFROMME',
            'ZTEXT',
            'ZFROMJID',
            'ZTOJID',
            'ZCHATSESSION',
            'ZGROUPMEMBER',
            'ZMESSAGETYPE',
            'ZMEDIAITEM',
          ],
          ZWAGROUPMEMBER: ['Z_PK', 'ZMEMBERJID', 'ZCHATSESSION', 'ZCONTACTNAME'],
          ZWAGROUPINFO: ['Z_PK', 'ZCHATSESSION', 'ZCREATORJID', 'ZCREATIONDATE'],
          ZWAMEDIAITEM: [
            'Z_PK',
            'ZMEDIALOCALPATH',
            'ZFILESIZE',
            'ZMESSAGE',
            'ZTITLE',
            'ZVCARDSTRING',
          ],
        },
      ],
      [
        wa.contacts,
        { ZWAADDRESSBOOKCONTACT: ['Z_PK', 'ZFULLNAME', 'ZPHONENUMBER', 'ZWHATSAPPID'] },
      ],
      [
        wa.calls,
        {
          ZWACDCALLEVENT: [
            'Z_PK',
            'ZDATE',
            'ZDURATION',
            'ZOUTCOME',
            'Z1CALLEVENTS',
            'ZGROUPCALLCREATORUSERJIDSTRING',
          ],
          ZWAAGGREGATECALLEVENT: ['Z_PK', 'ZINCOMING', 'ZMISSED', 'ZVIDEO'],
          ZWACDCALLEVENTPARTICIPANT: ['Z_PK', 'Z1PARTICIPANTS', 'ZJIDSTRING'],
        },
      ],
    ];
    for (const [file, tables] of want) {
      const db = open(at(file));
      try {
        assert.equal(db.pragma('integrity_check', { simple: true }), 'ok', file);
        for (const [table, cols] of Object.entries(tables)) {
          const have = columns(db, table);
          for (const c of cols) assert.ok(have.includes(c), `${file}: ${table}.${c} missing`);
        }
      } finally {
        db.close();
      }
    }
  });

  it('writes exactly one row per record (the counting rule)', () => {
    const n = countsOf(device);
    const per = (app: string, list: { app: string }[]) => list.filter((x) => x.app === app).length;
    const sms = open(at(IOS_PATHS.sms));
    const ab = open(at(IOS_PATHS.addressBook));
    const ch = open(at(IOS_PATHS.callHistory));
    const acc = open(at(IOS_PATHS.accounts));
    const cs = open(at(wa.chatStorage));
    const wc = open(at(wa.contacts));
    const wk = open(at(wa.calls));
    try {
      assert.equal(count(ab, 'ABPerson'), per('native', device.contacts));
      assert.equal(count(wc, 'ZWAADDRESSBOOKCONTACT'), per('whatsapp', device.contacts));
      assert.equal(count(ab, 'ABPerson') + count(wc, 'ZWAADDRESSBOOKCONTACT'), n.contacts);
      assert.equal(count(ch, 'ZCALLRECORD') + count(wk, 'ZWACDCALLEVENT'), n.calls);
      assert.equal(count(ch, 'ZCALLRECORD'), per('native', device.calls));
      assert.equal(count(sms, 'chat') + count(cs, 'ZWACHATSESSION'), n.chats);
      assert.equal(count(sms, 'message') + count(cs, 'ZWAMESSAGE'), n.messages);
      assert.equal(count(sms, 'message'), per('native', device.messages));
      assert.equal(count(sms, 'attachment') + count(cs, 'ZWAMEDIAITEM'), n.media);
      // Non-WhatsApp accounts in Accounts3, the WhatsApp account in its shared plist.
      const plist = readFileSync(at(wa.prefs), 'utf8');
      assert.equal(
        count(acc, 'ZACCOUNT') + (plist.includes('<key>OwnJabberID</key>') ? 1 : 0),
        n.accounts,
      );
      // Record ids are row ids.
      const ids = (db: Database.Database, sql: string) =>
        (db.prepare(sql).all() as { id: number }[]).map((r) => r.id);
      assert.deepEqual(
        ids(sms, 'SELECT ROWID AS id FROM message ORDER BY ROWID'),
        device.messages.filter((m) => m.app === 'native').map((m) => m.id),
      );
      assert.deepEqual(
        ids(cs, 'SELECT Z_PK AS id FROM ZWAMESSAGE ORDER BY Z_PK'),
        device.messages.filter((m) => m.app === 'whatsapp').map((m) => m.id),
      );
    } finally {
      for (const db of [sms, ab, ch, acc, cs, wc, wk]) db.close();
    }
  });

  it('reads a native message back through the chat and handle joins with text, direction and Cocoa-nanosecond date', () => {
    const m = device.messages.find((x) => x.id === 1)!;
    const db = open(at(IOS_PATHS.sms));
    try {
      const row = db
        .prepare(
          `SELECT message.text, message.is_from_me, message.date, message.service, handle.id AS handle,
                  chat.chat_identifier, chat.style
             FROM message
             JOIN chat_message_join ON chat_message_join.message_id = message.ROWID
             JOIN chat ON chat.ROWID = chat_message_join.chat_id
             JOIN handle ON handle.ROWID = message.handle_id
            WHERE message.ROWID = ?`,
        )
        .safeIntegers()
        .get(1) as Record<string, unknown>;
      assert.equal(row.text, m.text);
      assert.equal(row.is_from_me, 0n);
      assert.equal(row.handle, m.sender);
      assert.equal(row.chat_identifier, m.sender);
      assert.equal(row.style, 45n);
      const ns = row.date as bigint;
      assert.ok(ns > 1_000_000_000_000_000n, 'sms.db dates are nanoseconds');
      assert.equal(new Date(Number(ns / 1_000_000n) + COCOA_EPOCH_S * 1000).toISOString(), m.at);
      // Joins from the chat side give the same members.
      const members = db
        .prepare(
          'SELECT handle.id FROM chat_handle_join JOIN handle ON handle.ROWID = handle_id WHERE chat_id = 1',
        )
        .pluck()
        .all();
      assert.deepEqual(members, [m.sender]);
    } finally {
      db.close();
    }
  });

  it('leaves text NULL on some messages, the text then only in attributedBody', () => {
    const m = device.messages.find((x) => x.id === 2)!;
    const db = open(at(IOS_PATHS.sms));
    try {
      const row = db
        .prepare('SELECT text, attributedBody, is_from_me, handle_id FROM message WHERE ROWID = 2')
        .get() as {
        text: string | null;
        attributedBody: Buffer;
        is_from_me: number;
        handle_id: number;
      };
      assert.equal(row.text, null);
      assert.equal(row.is_from_me, 1);
      assert.ok(row.handle_id > 0, 'an outgoing 1:1 message names the recipient handle');
      assert.equal(row.attributedBody.subarray(0, 13).toString('latin1'), '\x04\x0bstreamtyped');
      assert.equal(textFromAttributedBody(row.attributedBody), m.text);
      // Messages with text keep it in both places.
      const other = db
        .prepare('SELECT text, attributedBody FROM message WHERE ROWID = 1')
        .get() as {
        text: string;
        attributedBody: Buffer;
      };
      assert.equal(textFromAttributedBody(other.attributedBody), other.text);
    } finally {
      db.close();
    }
  });

  it('encodes attributedBody byte for byte like Messages, for long texts, emoji and the mutable class chain', () => {
    // A real attributedBody ("Yep") from a public test suite.
    const real = Buffer.from(
      '040b73747265616d747970656481e803840140848484124e5341747472696275746564537472696e6700848408' +
        '4e534f626a656374008592848484084e53537472696e67019484012b0359657086840269490103928484840c4e' +
        '5344696374696f6e617279009484016901928496961d5f5f6b494d4d6573736167655061727441747472696275' +
        '74654e616d658692848484084e534e756d626572008484074e5356616c7565009484012a84999900868686',
      'hex',
    );
    assert.deepEqual(encodeAttributedBody('Yep'), real);
    for (const text of [
      'Ok 👍',
      'x'.repeat(127),
      'é'.repeat(64),
      'long '.repeat(2000),
      'y'.repeat(40_000),
    ]) {
      for (const mutable of [false, true]) {
        const blob = encodeAttributedBody(text, { mutable });
        assert.equal(textFromAttributedBody(blob), text);
        assert.equal(blob.includes('NSMutableAttributedString'), mutable);
      }
    }
    // The attribute run counts UTF-16 units: "Ok 👍" is 5.
    const blob = encodeAttributedBody('Ok 👍');
    const run = blob.indexOf('iI') + 2;
    assert.deepEqual([...blob.subarray(run, run + 2)], [1, 5]);
  });

  it('keeps a WhatsApp group with its subject, creator and members, and the sender of group messages', () => {
    const group = device.chats.find((c) => c.kind === 'group')!;
    const db = open(at(wa.chatStorage));
    try {
      const s = db
        .prepare(
          `SELECT ZWACHATSESSION.ZPARTNERNAME, ZWACHATSESSION.ZSESSIONTYPE, ZWACHATSESSION.ZCONTACTJID,
                  ZWAGROUPINFO.ZCREATORJID, ZWAGROUPINFO.ZCREATIONDATE
             FROM ZWACHATSESSION JOIN ZWAGROUPINFO ON ZWAGROUPINFO.Z_PK = ZWACHATSESSION.ZGROUPINFO
            WHERE ZWACHATSESSION.Z_PK = ?`,
        )
        .get(group.id) as Record<string, string | number>;
      assert.equal(s.ZPARTNERNAME, group.subject);
      assert.equal(s.ZSESSIONTYPE, 1);
      assert.match(String(s.ZCONTACTJID), /@g\.us$/);
      assert.equal(s.ZCREATORJID, `${group.creator!.slice(1)}@s.whatsapp.net`);
      assert.equal(cocoaToIso(s.ZCREATIONDATE as number), group.createdAt);
      const members = db
        .prepare('SELECT ZMEMBERJID FROM ZWAGROUPMEMBER WHERE ZCHATSESSION = ? ORDER BY Z_PK')
        .pluck()
        .all(group.id);
      assert.deepEqual(
        members,
        group.members.map((n) => `${n.slice(1)}@s.whatsapp.net`),
      );
      const incoming = device.messages.find(
        (m) => m.chatId === group.id && m.direction === 'incoming',
      )!;
      const row = db
        .prepare(
          `SELECT ZWAMESSAGE.ZTEXT, ZWAMESSAGE.ZISFROMME, ZWAMESSAGE.ZFROMJID, ZWAMESSAGE.ZMESSAGEDATE,
                  ZWAGROUPMEMBER.ZMEMBERJID
             FROM ZWAMESSAGE JOIN ZWAGROUPMEMBER ON ZWAGROUPMEMBER.Z_PK = ZWAMESSAGE.ZGROUPMEMBER
            WHERE ZWAMESSAGE.Z_PK = ?`,
        )
        .get(incoming.id) as Record<string, string | number>;
      assert.equal(row.ZTEXT, incoming.text);
      assert.equal(row.ZISFROMME, 0);
      assert.equal(row.ZFROMJID, s.ZCONTACTJID);
      assert.equal(row.ZMEMBERJID, `${incoming.sender.slice(1)}@s.whatsapp.net`);
      assert.equal(cocoaToIso(row.ZMESSAGEDATE as number), incoming.at);
    } finally {
      db.close();
    }
  });

  it('writes WhatsApp media with the caption in ZTITLE and the file where ZMEDIALOCALPATH says', () => {
    const m = device.messages.find((x) => x.app === 'whatsapp' && x.attachment)!;
    const db = open(at(wa.chatStorage));
    try {
      const row = db
        .prepare(
          `SELECT ZWAMESSAGE.ZMESSAGETYPE, ZWAMESSAGE.ZTEXT, ZWAMESSAGE.ZISFROMME, ZWAMESSAGE.ZFROMJID,
                  ZWAMESSAGE.ZTOJID, ZWAMEDIAITEM.ZTITLE, ZWAMEDIAITEM.ZFILESIZE,
                  ZWAMEDIAITEM.ZMEDIALOCALPATH, ZWAMEDIAITEM.ZVCARDSTRING
             FROM ZWAMESSAGE JOIN ZWAMEDIAITEM ON ZWAMEDIAITEM.Z_PK = ZWAMESSAGE.ZMEDIAITEM
            WHERE ZWAMESSAGE.Z_PK = ? AND ZWAMEDIAITEM.ZMESSAGE = ZWAMESSAGE.Z_PK`,
        )
        .get(m.id) as Record<string, string | number | null>;
      assert.equal(row.ZMESSAGETYPE, 1);
      assert.equal(row.ZTEXT, null);
      assert.equal(row.ZTITLE, m.text);
      assert.equal(row.ZISFROMME, 1);
      assert.equal(row.ZFROMJID, null, 'outgoing rows never name the owner');
      assert.equal(row.ZTOJID, '34600000101@s.whatsapp.net');
      assert.equal(row.ZFILESIZE, m.attachment!.bytes);
      assert.equal(row.ZVCARDSTRING, m.attachment!.mimeType);
      const file = at(`${wa.media}/${row.ZMEDIALOCALPATH}`);
      assert.equal(statSync(file).size, Math.min(m.attachment!.bytes, 64 * 1024));
      assert.deepEqual([...readFileSync(file).subarray(0, 3)], [0xff, 0xd8, 0xff]);
    } finally {
      db.close();
    }
  });

  it('writes native and WhatsApp calls with direction, date and number as iOS stores them', () => {
    const ch = open(at(IOS_PATHS.callHistory));
    const wk = open(at(wa.calls));
    try {
      for (const c of device.calls.filter((x) => x.app === 'native')) {
        const row = ch
          .prepare(
            'SELECT ZADDRESS, ZDATE, ZDURATION, ZORIGINATED, ZANSWERED, ZCALLTYPE, ZSERVICE_PROVIDER FROM ZCALLRECORD WHERE Z_PK = ?',
          )
          .get(c.id) as Record<string, unknown>;
        assert.ok(Buffer.isBuffer(row.ZADDRESS), 'ZADDRESS is a BLOB');
        const address = (row.ZADDRESS as Buffer).toString('utf8');
        assert.equal(
          address.replace(/^0/, '+31'),
          c.number,
          'incoming E.164, outgoing dialled nationally',
        );
        assert.equal(cocoaToIso(row.ZDATE as number), c.at);
        assert.equal(row.ZDURATION, c.durationSeconds);
        assert.equal(row.ZORIGINATED, c.direction === 'outgoing' ? 1 : 0);
        assert.equal(row.ZANSWERED, c.direction === 'missed' ? 0 : 1);
        assert.equal(row.ZCALLTYPE, 1);
        assert.equal(row.ZSERVICE_PROVIDER, 'com.apple.Telephony');
      }
      const c = device.calls.find((x) => x.app === 'whatsapp')!;
      const row = wk
        .prepare(
          `SELECT e.ZDATE, e.ZDURATION, e.ZOUTCOME, e.ZGROUPCALLCREATORUSERJIDSTRING AS creator,
                  p.ZJIDSTRING AS jid, a.ZINCOMING, a.ZVIDEO
             FROM ZWACDCALLEVENT e
             JOIN ZWACDCALLEVENTPARTICIPANT p ON p.Z1PARTICIPANTS = e.Z_PK
             JOIN ZWAAGGREGATECALLEVENT a ON a.Z_PK = e.Z1CALLEVENTS
            WHERE e.Z_PK = ?`,
        )
        .get(c.id) as Record<string, unknown>;
      assert.equal(row.jid, `${c.number.slice(1)}@s.whatsapp.net`);
      assert.equal(
        row.creator,
        row.jid,
        'incoming: the peer created the call (iLEAPP reads that as Incoming)',
      );
      assert.equal(row.ZINCOMING, 1);
      assert.equal(row.ZOUTCOME, 0);
      assert.equal(row.ZDURATION, c.durationSeconds);
      assert.equal(cocoaToIso(row.ZDATE as number), c.at);
    } finally {
      ch.close();
      wk.close();
    }
  });

  it('keeps contacts with names, typed numbers and labels', () => {
    const ab = open(at(IOS_PATHS.addressBook));
    const wc = open(at(wa.contacts));
    try {
      const rows = ab
        .prepare(
          `SELECT p.ROWID AS id, p.First, p.Last, v.property, v.value, l.value AS label
             FROM ABPerson p JOIN ABMultiValue v ON v.record_id = p.ROWID
             LEFT JOIN ABMultiValueLabel l ON l.rowid = v.label
            ORDER BY v.UID`,
        )
        .all() as Record<string, string | number>[];
      const marco = rows.filter((r) => r.id === 2);
      assert.equal(marco[0]!.First, 'Marco');
      assert.equal(marco[0]!.Last, 'Chofer');
      assert.deepEqual(
        marco.map((r) => [r.property, r.value, r.label]),
        [
          [3, '06 97000002', '_$!<Mobile>!$_'],
          [3, '020 123 4567', '_$!<Work>!$_'],
          [4, 'marco.rijdt@example.invalid', '_$!<Home>!$_'],
        ],
      );
      assert.equal(rows.find((r) => r.id === 1)!.value, '+34 600 00 01 01');
      const w = wc.prepare('SELECT Z_PK, ZFULLNAME, ZWHATSAPPID FROM ZWAADDRESSBOOKCONTACT').all();
      assert.deepEqual(w, [
        { Z_PK: 3, ZFULLNAME: 'Jefe', ZWHATSAPPID: '34600000101@s.whatsapp.net' },
      ]);
    } finally {
      ab.close();
      wc.close();
    }
  });

  it('keeps the WhatsApp account in the shared plist and the others in Accounts3', () => {
    const plist = readFileSync(at(wa.prefs), 'utf8');
    assert.match(plist, /<key>OwnJabberID<\/key>\s*<string>31697000001@s\.whatsapp\.net<\/string>/);
    const db = open(at(IOS_PATHS.accounts));
    try {
      const rows = db
        .prepare(
          `SELECT ZACCOUNT.ZUSERNAME, ZACCOUNTTYPE.ZIDENTIFIER
             FROM ZACCOUNT JOIN ZACCOUNTTYPE ON ZACCOUNTTYPE.Z_PK = ZACCOUNT.ZACCOUNTTYPE`,
        )
        .all();
      assert.deepEqual(rows, [
        { ZUSERNAME: 'vale.sample@example.invalid', ZIDENTIFIER: 'com.apple.account.AppleAccount' },
      ]);
    } finally {
      db.close();
    }
  });

  it(
    'has the column set of the public iOS 15 sample databases (WhatsApp, address book)',
    { skip: !existsSync(CHAT_SAMPLE) && 'public samples not present' },
    async () => {
      const tmp = join(root, 'samples');
      mkdirSync(tmp);
      // Copies only: the db, its -wal and -shm together (opening may checkpoint).
      await extractSample(
        CHAT_SAMPLE,
        ['ChatStorage.sqlite', 'ChatStorage.sqlite-wal', 'ChatStorage.sqlite-shm'],
        tmp,
      );
      await extractSample(
        CALLS_SAMPLE,
        [
          'CallHistory.sqlite',
          'CallHistory.sqlite-wal',
          'CallHistory.sqlite-shm',
          'ContactsV2.sqlite',
          'ContactsV2.sqlite-wal',
          'ContactsV2.sqlite-shm',
        ],
        tmp,
      );
      await extractSample(
        AB_SAMPLE,
        ['AddressBook.sqlitedb', 'AddressBook.sqlitedb-wal', 'AddressBook.sqlitedb-shm'],
        tmp,
      );
      const pairs: [string, string, string[]][] = [
        [
          'ChatStorage.sqlite',
          wa.chatStorage,
          ['ZWAMESSAGE', 'ZWACHATSESSION', 'ZWAGROUPMEMBER', 'ZWAGROUPINFO', 'ZWAMEDIAITEM'],
        ],
        ['ContactsV2.sqlite', wa.contacts, ['ZWAADDRESSBOOKCONTACT']],
        [
          'CallHistory.sqlite',
          wa.calls,
          ['ZWACDCALLEVENT', 'ZWAAGGREGATECALLEVENT', 'ZWACDCALLEVENTPARTICIPANT'],
        ],
        [
          'AddressBook.sqlitedb',
          IOS_PATHS.addressBook,
          ['ABPerson', 'ABMultiValue', 'ABMultiValueLabel', 'ABStore'],
        ],
      ];
      for (const [sample, ours, tables] of pairs) {
        const theirs = new Database(join(tmp, sample));
        const mine = open(at(ours));
        try {
          for (const t of tables) {
            const want = columns(theirs, t);
            assert.ok(want.length > 0, `${sample}: no ${t}`);
            const have = new Set(columns(mine, t));
            assert.deepEqual(
              want.filter((c) => !have.has(c)),
              [],
              `${t} lacks sample columns`,
            );
          }
          // Same Core Data entity numbers as the sample.
          if (sample.endsWith('.sqlite')) {
            const names = (db: Database.Database) =>
              db.prepare('SELECT Z_ENT, Z_NAME FROM Z_PRIMARYKEY ORDER BY Z_ENT').all();
            assert.deepEqual(names(mine), names(theirs), `${sample} entities`);
          }
        } finally {
          theirs.close();
          mine.close();
        }
      }
    },
  );

  it('writes the same bytes for the same input', async () => {
    const again = join(root, 'b');
    const files2 = await writeIos(again, sampleDevice('ios'));
    assert.deepEqual(files2, files);
    assert.deepEqual(sha256Tree(again), sha256Tree(dir));
  });

  it('refuses what it cannot represent instead of breaking the counting rule', async () => {
    const bad: DeviceExtraction = structuredClone(device);
    bad.contacts
      .find((c) => c.app === 'whatsapp')!
      .phones.push({ number: '+31697000009', label: 'home' });
    await assert.rejects(writeIos(join(root, 'c'), bad), /exactly one phone/);
    const noAccount: DeviceExtraction = structuredClone(device);
    noAccount.accounts = noAccount.accounts.filter((a) => a.app !== 'whatsapp');
    await assert.rejects(writeIos(join(root, 'd'), noAccount), /exactly one WhatsApp account/);
  });
});
