import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { csvTime, parseCsvMapping, readCsv } from '../../../src/intake/devices/csv.js';
import { ValidationError } from '../../../src/model/errors.js';
import { collectingSink, ofKind } from '../../helpers/device-sink.js';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'schakel-csv-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('CSV mapping option', () => {
  it('reads --map field=Header pairs', () => {
    assert.deepEqual(parseCsvMapping('number=Telefoon,time=Datum'), {
      number: 'Telefoon',
      time: 'Datum',
    });
    assert.deepEqual(parseCsvMapping(' Text = Bericht inhoud , '), { text: 'Bericht inhoud' });
  });

  it('names what is wrong', () => {
    assert.throws(
      () => parseCsvMapping('nummer=Telefoon'),
      (e: unknown) => {
        assert.ok(e instanceof ValidationError);
        assert.match(
          e.message,
          /^map: "nummer=Telefoon": unknown field "nummer"; one of name, number/,
        );
        return true;
      },
    );
    assert.throws(() => parseCsvMapping('number'), /say which column, as number=<header>/);
    assert.throws(() => parseCsvMapping('time=A,time=B'), /time is mapped twice/);
  });
});

describe('CSV reader', () => {
  it('reads contacts by their obvious headers, any case, with E.164 numbers', async () => {
    const path = file(
      'contacts.csv',
      '\uFEFFName,PHONE,E-mail\r\nJefe,+34 600 00 01 01,\r\n"Chofer, Marco","06 97000002; 020 1234567",marco@example.invalid\r\n',
    );
    const hash = createHash('sha256').update(readFileSync(path)).digest('hex');
    const sink = collectingSink('NL');
    await readCsv([{ path, kind: 'contacts' }], {}, sink);
    assert.deepEqual(sink.warnings, []);
    assert.deepEqual(sink.records, [
      {
        kind: 'contact',
        app: 'native',
        name: 'Jefe',
        phones: [{ raw: '+34 600 00 01 01', e164: '+34600000101', label: null }],
        emails: [],
        prov: { file: 'contacts.csv', table: 'contacts', rowId: '2' },
      },
      {
        kind: 'contact',
        app: 'native',
        name: 'Chofer, Marco',
        phones: [
          { raw: '06 97000002', e164: '+31697000002', label: null },
          { raw: '020 1234567', e164: '+31201234567', label: null },
        ],
        emails: ['marco@example.invalid'],
        prov: { file: 'contacts.csv', table: 'contacts', rowId: '3' },
      },
    ]);
    assert.equal(createHash('sha256').update(readFileSync(path)).digest('hex'), hash);
  });

  it('reads calls through a mapping (semicolons, Dutch headers and words)', async () => {
    const path = file(
      'oproepen.csv',
      [
        'Telefoon;Richting;Datum;Duur;Naam',
        '06 97000003;Inkomend;28-03-2023 21:02:11;0:47;',
        '+31697000002;Uitgaand;2023-03-28T21:10:00+02:00;00:00:12;Marco',
        '0697000003;Gemist;1680039000;0;',
        '+34600000101;Video inkomend;;185;Jefe',
      ].join('\n'),
    );
    const sink = collectingSink('NL');
    await readCsv(
      [{ path, kind: 'calls' }],
      parseCsvMapping('number=Telefoon,direction=Richting,time=Datum,duration=Duur,name=Naam'),
      sink,
    );
    assert.deepEqual(sink.warnings, []);
    const calls = ofKind(sink.records, 'call');
    assert.deepEqual(
      calls.map((c) => [
        c.direction,
        c.party?.e164,
        c.party?.name,
        c.at.utc,
        c.at.zone,
        c.durationSeconds,
        c.video,
      ]),
      [
        ['incoming', '+31697000003', null, '2023-03-28T21:02:11.000Z', 'UTC (assumed)', 47, false],
        ['outgoing', '+31697000002', 'Marco', '2023-03-28T19:10:00.000Z', '+02:00', 12, false],
        ['missed', '+31697000003', null, '2023-03-28T21:30:00.000Z', 'unix-s', 0, false],
        ['incoming', '+34600000101', 'Jefe', null, 'none', 185, true],
      ],
    );
    assert.deepEqual(
      calls.map((c) => c.prov),
      [2, 3, 4, 5].map((l) => ({ file: 'oproepen.csv', table: 'calls', rowId: String(l) })),
    );
  });

  it('reads messages, and one chat record per thread', async () => {
    const path = file(
      'messages.csv',
      [
        'thread,from,number,direction,timestamp,message,app',
        'g1,+31697000002,,in,2023-03-29 09:15:00,"Ik haal jullie om 11 uur op,',
        'bij het station",whatsapp',
        'g1,me,,,2023-03-29 09:16:00,Ok 👍,whatsapp',
        'g1,+34600000101,,incoming,2023-03-29 09:17:00,Bien,whatsapp',
        'd1,,06 97000003,in,2023-03-28 18:55:00,"Hoi, ben je vanavond beschikbaar?",',
        'd1,,06 97000003,out,2023-03-28 18:57:30,Ja,',
      ].join('\n'),
    );
    const sink = collectingSink('NL');
    await readCsv([{ path, kind: 'messages' }], {}, sink);
    assert.deepEqual(sink.warnings, []);
    const messages = ofKind(sink.records, 'message');
    assert.deepEqual(
      messages.map((m) => [
        m.prov.rowId,
        m.app,
        m.chatKey,
        m.direction,
        m.sender?.e164 ?? null,
        m.at.utc,
        m.text,
      ]),
      [
        [
          '2',
          'whatsapp',
          'g1',
          'incoming',
          '+31697000002',
          '2023-03-29T09:15:00.000Z',
          'Ik haal jullie om 11 uur op,\nbij het station',
        ],
        ['4', 'whatsapp', 'g1', 'outgoing', null, '2023-03-29T09:16:00.000Z', 'Ok 👍'],
        ['5', 'whatsapp', 'g1', 'incoming', '+34600000101', '2023-03-29T09:17:00.000Z', 'Bien'],
        [
          '6',
          'native',
          'd1',
          'incoming',
          '+31697000003',
          '2023-03-28T18:55:00.000Z',
          'Hoi, ben je vanavond beschikbaar?',
        ],
        ['7', 'native', 'd1', 'outgoing', null, '2023-03-28T18:57:30.000Z', 'Ja'],
      ],
    );
    assert.deepEqual(
      ofKind(sink.records, 'chat').map((c) => [
        c.app,
        c.key,
        c.group,
        c.participants.map((p) => p.e164),
        c.prov.rowId,
      ]),
      [
        ['whatsapp', 'g1', true, ['+31697000002', '+34600000101'], '2'],
        ['native', 'd1', false, ['+31697000003'], '6'],
      ],
    );
  });

  it('warns about bad lines by file and line, and reads the others', async () => {
    const path = file(
      'bad.csv',
      [
        'name,number',
        'A,0697000001',
        'B,0697000002,extra',
        'C,0697000003,,',
        '',
        ',',
        'D,0697000004',
        'E,"0697000005',
        'F,0697000006',
      ].join('\n'),
    );
    const sink = collectingSink('NL');
    await readCsv([{ path, kind: 'contacts' }], {}, sink);
    assert.deepEqual(
      ofKind(sink.records, 'contact').map((c) => [c.name, c.prov.rowId]),
      [
        ['A', '2'],
        ['C', '4'],
        ['D', '7'],
      ],
    );
    assert.deepEqual(sink.warnings, [
      { file: 'bad.csv', message: 'line 3: 3 fields where the header has 2: skipped' },
      { file: 'bad.csv', message: 'line 6: no name, number or e-mail: skipped' },
      { file: 'bad.csv', message: 'line 8: a quote is never closed: skipped' },
    ]);
  });

  it('warns about a mapped column that is missing, times it cannot read, and an empty file', async () => {
    const path = file('x.csv', 'Nummer,Wanneer\n0697000001,gisteren\n0697000002,31-02-2023\n');
    const sink = collectingSink('NL');
    await readCsv(
      [
        { path, kind: 'calls' },
        { path: file('empty.csv', ''), kind: 'calls' },
      ],
      { number: 'Nummer', time: 'Wanneer', duration: 'Duur' },
      sink,
    );
    assert.equal(ofKind(sink.records, 'call').length, 2);
    assert.deepEqual(
      ofKind(sink.records, 'call').map((c) => c.at),
      [
        { utc: null, original: 'gisteren', zone: 'unknown' },
        { utc: null, original: '31-02-2023', zone: 'UTC (assumed)' },
      ],
    );
    assert.deepEqual(
      sink.warnings.map((w) => `${w.file}: ${w.message}`),
      [
        'x.csv: no column "Duur" for duration (the header has: Nummer, Wanneer): duration not read',
        'x.csv: 2 time(s) could not be read (first at line 2: "gisteren"): kept without time',
        'empty.csv: empty file (no header line): not read',
      ],
    );
  });

  it('drains at least every 2,000 records', async () => {
    const lines = ['number,time,text,direction'];
    for (let i = 0; i < 5000; i++)
      lines.push(`06970${String(10000 + i)},2023-03-01T10:00:00Z,bericht ${i},in`);
    const sink = collectingSink('NL');
    await readCsv([{ path: file('many.csv', lines.join('\n')), kind: 'messages' }], {}, sink);
    assert.equal(sink.records.length, 5000);
    assert.ok(sink.maxBetweenDrains <= 2000, String(sink.maxBetweenDrains));
  });

  it('reads the times exports write', () => {
    assert.equal(csvTime('2023-03-21 14:05:09')!.utc, '2023-03-21T14:05:09.000Z');
    assert.equal(csvTime('21/03/2023 14:05')!.utc, '2023-03-21T14:05:00.000Z');
    assert.equal(
      csvTime('03/21/2023 14:05')!.utc,
      '2023-03-21T14:05:00.000Z',
      'month first when it must be',
    );
    assert.equal(csvTime('1679407509000')!.utc, '2023-03-21T14:05:09.000Z');
    assert.equal(csvTime('  '), null);
  });
});
