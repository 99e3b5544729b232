import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { attributedBodyText } from '../../../src/intake/devices/typedstream.js';
import { encodeAttributedBody } from '../../../src/scenario/devices/typedstream.js';

/** Bytes from hex pieces (`84 01`), latin1 text pieces and byte values. */
function bytes(...parts: (string | number | Buffer)[]): Buffer {
  return Buffer.concat(
    parts.map((p) =>
      typeof p === 'number'
        ? Buffer.from([p])
        : Buffer.isBuffer(p)
          ? p
          : /^[0-9a-f]{2}( [0-9a-f]{2})*$/i.test(p)
            ? Buffer.from(p.replaceAll(' ', ''), 'hex')
            : Buffer.from(p, 'latin1'),
    ),
  );
}

/** A typedstream length: one byte, 0x81 + uint16 LE, or 0x82 + uint32 LE. */
function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  if (n <= 0x7fff) return Buffer.from([0x81, n & 0xff, n >> 8]);
  const b = Buffer.alloc(5);
  b[0] = 0x82;
  b.writeUInt32LE(n, 1);
  return b;
}

/** The opening of a blob as macOS Messages writes it: NSMutableAttributedString holding an NSMutableString. */
function macMutable(text: string, tail = true): Buffer {
  const utf8 = Buffer.from(text, 'utf8');
  return bytes(
    '04 0b',
    'streamtyped',
    '81 e8 03 84 01',
    '@',
    '84 84 84 19',
    'NSMutableAttributedString',
    '00 84 84 12',
    'NSAttributedString',
    '00 84 84 08',
    'NSObject',
    '00 85 92 84 84 84 0f',
    'NSMutableString',
    '01 84 84 08',
    'NSString',
    '01 95 84 01',
    '+',
    length(utf8.length),
    utf8,
    tail ? bytes('86 84 02', 'iI', 1, length(text.length)) : Buffer.alloc(0),
  );
}

describe('attributedBody (typedstream) decoder', () => {
  it('reads what the synthetic writer writes, plain and mutable, for short and long texts', () => {
    const texts = [
      'Yep',
      'Hoi, ben je vanavond beschikbaar?',
      'Ok 👍',
      '\uFFFCcaption after an attachment',
      'x'.repeat(127),
      'y'.repeat(128),
      'Mándame el dinero '.repeat(20),
      'é'.repeat(20_000), // 40,000 UTF-8 bytes: a 32-bit length
      '',
    ];
    for (const text of texts) {
      for (const mutable of [false, true]) {
        assert.equal(attributedBodyText(encodeAttributedBody(text, { mutable })), text);
      }
    }
  });

  it('reads the byte layout real iOS blobs have (Apple writes the same bytes as the writer)', () => {
    // Header, NSAttributedString < NSObject, NSString (version 1) < ref NSObject, '+', length 3, "Yep".
    const yep = bytes(
      '04 0b',
      'streamtyped',
      '81 e8 03 84 01',
      '@',
      '84 84 84 12',
      'NSAttributedString',
      '00 84 84 08',
      'NSObject',
      '00 85 92 84 84 84 08',
      'NSString',
      '01 94 84 01',
      '+',
      3,
      'Yep',
      '86',
    );
    assert.deepEqual(yep, encodeAttributedBody('Yep').subarray(0, yep.length));
    assert.equal(attributedBodyText(yep), 'Yep');
  });

  it('reads the macOS layout: NSMutableAttributedString holding an NSMutableString', () => {
    assert.equal(attributedBodyText(macMutable('I’ll be there at 11')), 'I’ll be there at 11');
    assert.equal(attributedBodyText(macMutable('z'.repeat(300))), 'z'.repeat(300));
    // Cut off right after the string bytes (some tools store only the first part): still read.
    assert.equal(attributedBodyText(macMutable('Zoë', false)), 'Zoë');
  });

  it('falls back to the public parsers’ reading when the stream opening is unusual', () => {
    // An unknown header, but the NSString / '+' / length / bytes part is intact.
    const odd = bytes(
      '05 0b',
      'typedstream',
      '84 84 08',
      'NSString',
      '01 94 84 01',
      '+',
      5,
      'Hallo',
      '86',
    );
    assert.equal(attributedBodyText(odd), 'Hallo');
  });

  it('gives null for what is not an attributed string, never throws', () => {
    assert.equal(attributedBodyText(null), null);
    assert.equal(attributedBodyText(undefined), null);
    assert.equal(attributedBodyText(Buffer.alloc(0)), null);
    assert.equal(attributedBodyText(Buffer.from('garbage that is not a typedstream')), null);
    assert.equal(attributedBodyText(Buffer.from([0x04, 0x0b, 0xff, 0x00])), null);
    // The length runs past the end of the blob.
    const cut = encodeAttributedBody('A message that is cut short');
    assert.equal(attributedBodyText(cut.subarray(0, 80)), null);
    // Bytes that are not UTF-8.
    const bad = Buffer.from(encodeAttributedBody('abcd'));
    bad[bad.indexOf('abcd', 0, 'latin1')] = 0xff;
    assert.equal(attributedBodyText(bad), null);
    // Random bytes.
    let seed = 7;
    const random = Buffer.alloc(512).map(() => (seed = (seed * 1103515245 + 12345) & 0xff));
    assert.equal(attributedBodyText(random), null);
  });
});
