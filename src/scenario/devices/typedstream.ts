/**
 * The NeXTSTEP/NSArchiver "typedstream" encoding of an NSAttributedString, the way iOS Messages
 * stores a message body in `sms.db` `message.attributedBody`.
 *
 * Only what Messages writes for a plain text message is produced: one string, one attribute run
 * covering it, and the `__kIMMessagePartAttributeName = 0` attribute. The byte layout was checked
 * against real `attributedBody` blobs published in public test suites (the same bytes, byte for
 * byte, for "Yep"), and against how public parsers read it: they find the first `NSString` class
 * name, skip the 5 bytes `01 94|95 84 01 2B` (class version, superclass reference, the `+` type
 * string) and read a length: one byte when < 0x80, else `0x81` + uint16 little-endian (or `0x82` +
 * uint32). The length counts UTF-8 bytes; the attribute run length counts UTF-16 code units.
 *
 * Stream layout (tags: 0x84 new, 0x85 nil, 0x86 end of object, 0x92 + n reference to entry n; the
 * shared-string table and the object table are numbered separately):
 *
 *     04 0B "streamtyped" 81 E8 03                      version 4, system version 1000
 *     84 01 "@"                                         type: object
 *     84 [84 <class name> <version>]... 85|ref          NS(Mutable)AttributedString -> ... NSObject
 *       92 84 84 84 08 "NSString" 01 <ref NSObject>      its string
 *         84 01 "+" <len> <utf-8 bytes> 86
 *       84 02 "iI" 01 <utf-16 length>                   one attribute run over the whole string
 *       92 84 84 84 0C "NSDictionary" 00 <ref NSObject>
 *         84 01 "i" 01                                  one entry
 *         92 84 <ref NSString> <ref "+"> 1D "__kIMMessagePartAttributeName" 86
 *         92 84 84 84 08 "NSNumber" 00 84 84 07 "NSValue" 00 <ref NSObject>
 *           84 01 "*" 84 <ref "i"> <ref "i"> 00 86      the number 0, as an int
 *       86
 *     86
 */

const NEW = 0x84;
const NIL = 0x85;
const END = 0x86;
const REF = 0x92;

export interface AttributedBodyOptions {
  /** Archive as NSMutableAttributedString (seen on some devices) instead of NSAttributedString. */
  mutable?: boolean;
}

class TypedStreamWriter {
  private readonly out: number[] = [];
  private readonly strings = new Map<string, number>();
  private readonly classes = new Map<string, number>();
  private objects = 0;

  constructor() {
    this.out.push(0x04);
    this.raw(Buffer.from([0x0b]));
    this.raw(Buffer.from('streamtyped', 'latin1'));
    this.int(1000);
  }

  raw(bytes: Uint8Array): void {
    for (const b of bytes) this.out.push(b);
  }

  byte(b: number): void {
    this.out.push(b);
  }

  /** A typedstream integer: literal byte for small values, else a tagged little-endian value. */
  int(n: number): void {
    if (!Number.isInteger(n) || n < 0) throw new Error(`typedstream: bad integer ${n}`);
    if (n < 0x80) {
      this.out.push(n);
    } else if (n <= 0x7fff) {
      this.out.push(0x81, n & 0xff, (n >> 8) & 0xff);
    } else if (n <= 0xffffffff) {
      const b = Buffer.alloc(4);
      b.writeUInt32LE(n);
      this.out.push(0x82);
      this.raw(b);
    } else {
      throw new Error(`typedstream: integer too large ${n}`);
    }
  }

  private ref(index: number): void {
    const v = REF + index;
    if (v > 0xff) throw new Error('typedstream: reference table overflow');
    this.out.push(v);
  }

  /** A shared string: new on first use, a reference afterwards. */
  shared(s: string): void {
    const known = this.strings.get(s);
    if (known !== undefined) {
      this.ref(known);
      return;
    }
    this.strings.set(s, this.strings.size);
    const bytes = Buffer.from(s, 'utf8');
    this.out.push(NEW);
    this.int(bytes.length);
    this.raw(bytes);
  }

  /** Start a new object instance (it takes an object-table slot before its class does). */
  newObject(): void {
    this.out.push(NEW);
    this.objects++;
  }

  /** The class chain, most derived first; stops at the first class already in the stream. */
  classChain(chain: readonly (readonly [string, number])[]): void {
    for (const [name, version] of chain) {
      const known = this.classes.get(name);
      if (known !== undefined) {
        this.ref(known);
        return;
      }
      this.out.push(NEW);
      this.classes.set(name, this.objects++);
      this.shared(name);
      this.int(version);
    }
    this.out.push(NIL);
  }

  end(): void {
    this.out.push(END);
  }

  bytes(): Buffer {
    return Buffer.from(this.out);
  }
}

const NSOBJECT = ['NSObject', 0] as const;

/** The `attributedBody` blob for a message text. */
export function encodeAttributedBody(text: string, options: AttributedBodyOptions = {}): Buffer {
  const utf8 = Buffer.from(text, 'utf8');
  const w = new TypedStreamWriter();
  w.shared('@');
  w.newObject();
  w.classChain(
    options.mutable
      ? [['NSMutableAttributedString', 0], ['NSAttributedString', 0], NSOBJECT]
      : [['NSAttributedString', 0], NSOBJECT],
  );
  // The string.
  w.shared('@');
  w.newObject();
  w.classChain([['NSString', 1], NSOBJECT]);
  w.shared('+');
  w.int(utf8.length);
  w.raw(utf8);
  w.end();
  // One attribute run: (index 1, length in UTF-16 units).
  w.shared('iI');
  w.int(1);
  w.int(text.length);
  // Its attributes: { __kIMMessagePartAttributeName: 0 }.
  w.shared('@');
  w.newObject();
  w.classChain([['NSDictionary', 0], NSOBJECT]);
  w.shared('i');
  w.int(1);
  w.shared('@');
  w.newObject();
  w.classChain([['NSString', 1]]);
  w.shared('+');
  const key = Buffer.from('__kIMMessagePartAttributeName', 'utf8');
  w.int(key.length);
  w.raw(key);
  w.end();
  w.shared('@');
  w.newObject();
  w.classChain([['NSNumber', 0], ['NSValue', 0], NSOBJECT]);
  w.shared('*');
  w.byte(NEW);
  w.shared('i');
  w.shared('i');
  w.int(0);
  w.end();
  w.end(); // NSDictionary
  w.end(); // NSAttributedString
  return w.bytes();
}
