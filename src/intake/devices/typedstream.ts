/**
 * Reads the plain text out of an iOS Messages `attributedBody`: an NSAttributedString archived
 * with NSArchiver in the NeXTSTEP "typedstream" format (`sms.db` `message.attributedBody`, where
 * recent iOS leaves `message.text` NULL).
 *
 * The stream is walked as far as the string: the header (`04 0B "streamtyped" <system version>`),
 * the type `@`, the attributed string's class chain (NSAttributedString or NSMutableAttributedString
 * … NSObject), the type `@` of its first value, the string object's class chain (NSString,
 * NSMutableString …), the type `+`, then a length-prefixed UTF-8 byte run. Integers are one signed
 * byte, or `0x81` + int16 LE, or `0x82` + int32 LE; `0x84` starts a new shared string, class or
 * object, `0x85` is nil, `0x92 + n` refers back to entry n (shared strings and objects are
 * numbered separately, as Apple's writer does). When a blob does not parse that way (other
 * writers, damaged data) the reading public parsers use is tried: after the first `NSString` class
 * name, the `+` type and the length. Pure, never throws.
 */

const INT16 = 0x81;
const INT32 = 0x82;
const NEW = 0x84;
const NIL = 0x85;
const REF = 0x92;

const utf8 = new TextDecoder('utf-8', { fatal: true });

class Malformed extends Error {}

class Cursor {
  pos = 0;
  readonly strings: string[] = [];
  /** Object table: classes by name, object instances as null. */
  readonly objects: (string | null)[] = [];

  constructor(private readonly b: Uint8Array) {}

  byte(): number {
    const v = this.b[this.pos];
    if (v === undefined) throw new Malformed('unexpected end');
    this.pos++;
    return v;
  }

  peek(): number | undefined {
    return this.b[this.pos];
  }

  bytes(n: number): Uint8Array {
    if (n < 0 || this.pos + n > this.b.length) throw new Malformed('length past the end');
    const out = this.b.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  /** An integer whose first byte has already been read. */
  intAfter(tag: number): number {
    if (tag === INT16) {
      const [lo, hi] = this.bytes(2);
      return (((hi! << 8) | lo!) << 16) >> 16;
    }
    if (tag === INT32) {
      const [a, b, c, d] = this.bytes(4);
      return (a! | (b! << 8) | (c! << 16) | (d! << 24)) >>> 0;
    }
    // A literal: one signed byte.
    return tag > 0x7f ? tag - 0x100 : tag;
  }

  int(): number {
    return this.intAfter(this.byte());
  }

  /** A length: as `int`, but 16- and 32-bit values read unsigned (as public parsers do). */
  length(): number {
    const tag = this.byte();
    if (tag === INT16) {
      const [lo, hi] = this.bytes(2);
      return lo! | (hi! << 8);
    }
    const n = this.intAfter(tag);
    if (n < 0) throw new Malformed('negative length');
    return n;
  }

  /** The index of a back reference whose first byte has been read. */
  refAfter(tag: number): number {
    if (tag >= REF) return tag - REF;
    if (tag === INT16 || tag === INT32) return this.intAfter(tag) - REF;
    throw new Malformed(`not a reference: 0x${tag.toString(16)}`);
  }

  /** A shared string (class names, type encodings): new, nil or a back reference. */
  shared(): string | null {
    const tag = this.byte();
    if (tag === NIL) return null;
    if (tag === NEW) {
      const s = Buffer.from(this.bytes(this.length())).toString('latin1');
      this.strings.push(s);
      return s;
    }
    const s = this.strings[this.refAfter(tag)];
    if (s === undefined) throw new Malformed('dangling string reference');
    return s;
  }

  /** A class chain, most derived first; returns the class names (a reference ends the chain). */
  classChain(): string[] {
    const names: string[] = [];
    for (;;) {
      const tag = this.byte();
      if (tag === NIL) return names;
      if (tag === NEW) {
        const name = this.shared();
        if (name === null) throw new Malformed('class without a name');
        this.int(); // class version
        this.objects.push(name);
        names.push(name);
        continue;
      }
      const known = this.objects[this.refAfter(tag)];
      if (typeof known !== 'string') throw new Malformed('class reference to a non-class');
      names.push(known);
      return names;
    }
  }

  /** Starts an object: its class chain (the object takes its table slot before its class). */
  newObject(): string[] {
    if (this.byte() !== NEW) throw new Malformed('expected a new object');
    this.objects.push(null);
    return this.classChain();
  }
}

function structured(blob: Uint8Array): string {
  const c = new Cursor(blob);
  if (c.byte() !== 0x04) throw new Malformed('not typedstream version 4');
  const signature = Buffer.from(c.bytes(c.length())).toString('latin1');
  if (signature !== 'streamtyped') throw new Malformed(`unknown signature ${signature}`);
  c.int(); // system version (1000)
  if (c.shared() !== '@') throw new Malformed('top level is not an object');
  const outer = c.newObject();
  if (!outer.some((n) => n.endsWith('AttributedString'))) {
    throw new Malformed(`not an attributed string: ${outer.join(' < ')}`);
  }
  if (c.shared() !== '@') throw new Malformed('attributed string without a string');
  const inner = c.newObject();
  if (!inner.some((n) => n.endsWith('String'))) {
    throw new Malformed(`not a string: ${inner.join(' < ')}`);
  }
  const type = c.shared();
  if (type !== '+' && type !== '*') throw new Malformed(`unexpected string encoding ${type}`);
  return utf8.decode(c.bytes(c.length()));
}

/** What public parsers do: after the first `NSString`, skip to the `+` type, read a length and the bytes. */
function heuristic(blob: Uint8Array): string {
  const b = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  const at = b.indexOf('NSString', 0, 'latin1');
  if (at < 0) throw new Malformed('no NSString');
  const plus = b.indexOf(Buffer.from([NEW, 0x01, 0x2b]), at + 8);
  if (plus < 0 || plus > at + 8 + 8) throw new Malformed('no string type after NSString');
  const c = new Cursor(blob);
  c.pos = plus + 3;
  return utf8.decode(c.bytes(c.length()));
}

/** The plain text of an `attributedBody` blob, or null when it cannot be read as one. */
export function attributedBodyText(blob: Uint8Array | null | undefined): string | null {
  if (!blob || blob.length === 0) return null;
  try {
    return structured(blob);
  } catch {
    try {
      return heuristic(blob);
    } catch {
      return null;
    }
  }
}
