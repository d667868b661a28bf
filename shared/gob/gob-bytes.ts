/**
 * Gob's primitive encodings (GO-NETRPC §4.2): unsigned integers in one byte
 * below 128, else a negated byte count and big-endian bytes; signed integers
 * zig-zagged into an unsigned one; floats byte-reversed into an unsigned one.
 * Values that may exceed 2^53 travel as bigint.
 */

/** Bad gob: what a reader met and where, always this class, never anything else. */
export class GobError extends Error {
  constructor(
    message: string,
    /** Offset in the bytes being read, when known. */
    readonly at: number | null = null,
  ) {
    super(message);
    this.name = 'GobError';
  }
}

const MAX_UINT64 = (1n << 64n) - 1n;
const float = new DataView(new ArrayBuffer(8));
const utf8 = new TextEncoder();

/** Appends gob items to a growing byte buffer. */
export class GobWriter {
  private bytes = new Uint8Array(64);
  private length = 0;

  get size(): number {
    return this.length;
  }

  /** The bytes written so far, copied. */
  take(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }

  raw(part: Uint8Array): void {
    this.ensure(part.length);
    this.bytes.set(part, this.length);
    this.length += part.length;
  }

  uint(value: number | bigint): void {
    if (typeof value === 'number' && value >= 0 && value <= Number.MAX_SAFE_INTEGER) {
      this.smallUint(value);
      return;
    }
    let big = BigInt(value);
    if (big < 0n || big > MAX_UINT64) throw new GobError(`${big} is not a 64-bit unsigned integer`);
    if (big < 128n) {
      this.uint(Number(big));
      return;
    }
    const digits: number[] = [];
    while (big > 0n) {
      digits.unshift(Number(big & 0xffn));
      big >>= 8n;
    }
    this.ensure(digits.length + 1);
    this.bytes[this.length++] = 256 - digits.length;
    for (const digit of digits) this.bytes[this.length++] = digit;
  }

  int(value: number | bigint): void {
    // Most ints are small: zig-zag them without BigInt, which costs far more per call.
    if (typeof value === 'number' && Math.abs(value) <= 2 ** 52) {
      this.smallUint(value >= 0 ? value * 2 : -value * 2 - 1);
      return;
    }
    const big = BigInt(value);
    if (big < -(1n << 63n) || big >= 1n << 63n) {
      throw new GobError(`${big} is not a 64-bit signed integer`);
    }
    this.uint(big < 0n ? ((-big - 1n) << 1n) | 1n : big << 1n);
  }

  /** A whole number from 0 to 2^53 − 1. */
  private smallUint(value: number): void {
    if (value < 128) {
      this.ensure(1);
      this.bytes[this.length++] = value;
      return;
    }
    let count = 0;
    for (let rest = value; rest >= 1; rest = Math.floor(rest / 256)) count += 1;
    this.ensure(count + 1);
    this.bytes[this.length++] = 256 - count;
    for (let i = count - 1; i >= 0; i--) {
      this.bytes[this.length + i] = value % 256;
      value = Math.floor(value / 256);
    }
    this.length += count;
  }

  float(value: number): void {
    float.setFloat64(0, value, true);
    // Little-endian bits read big-endian: the byte-reversed uint gob sends.
    this.uint(float.getBigUint64(0, false));
  }

  bool(value: boolean): void {
    this.uint(value ? 1 : 0);
  }

  string(value: string): void {
    this.byteString(utf8.encode(value));
  }

  byteString(value: Uint8Array): void {
    this.uint(value.length);
    this.raw(value);
  }

  private ensure(more: number): void {
    if (this.length + more <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + more));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }
}

const text = new TextDecoder('utf-8', { fatal: false });

/** Reads gob items from one message's bytes; anything malformed throws GobError. */
export class GobReader {
  private at = 0;

  constructor(private readonly bytes: Uint8Array) {}

  get offset(): number {
    return this.at;
  }

  get remaining(): number {
    return this.bytes.length - this.at;
  }

  uintBig(): bigint {
    const first = this.byte('an unsigned integer');
    if (first < 128) return BigInt(first);
    const count = 256 - first;
    if (count > 8) throw new GobError(`invalid unsigned integer: ${count} bytes`, this.at - 1);
    let value = 0n;
    for (let i = 0; i < count; i++)
      value = (value << 8n) | BigInt(this.byte('an unsigned integer'));
    return value;
  }

  /** An unsigned integer used as a count, length or type id: it must fit a JavaScript number. */
  uint(): number {
    const at = this.at;
    const value = this.uintBig();
    if (value > BigInt(Number.MAX_SAFE_INTEGER))
      throw new GobError(`count ${value} is too large`, at);
    return Number(value);
  }

  intBig(): bigint {
    const zigzag = this.uintBig();
    return zigzag & 1n ? -(zigzag >> 1n) - 1n : zigzag >> 1n;
  }

  int(): number {
    const at = this.at;
    const value = this.intBig();
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
      throw new GobError(`integer ${value} is out of range here`, at);
    }
    return Number(value);
  }

  float(): number {
    float.setBigUint64(0, this.uintBig(), false);
    return float.getFloat64(0, true);
  }

  bool(): boolean {
    const at = this.at;
    const value = this.uintBig();
    if (value > 1n) throw new GobError(`invalid bool ${value}`, at);
    return value === 1n;
  }

  byteString(): Uint8Array {
    const at = this.at;
    const length = this.uint();
    if (length > this.remaining) {
      throw new GobError(`a length of ${length} runs past the message's end`, at);
    }
    const out = this.bytes.subarray(this.at, this.at + length);
    this.at += length;
    return out;
  }

  string(): string {
    return text.decode(this.byteString());
  }

  /** A count of items that each take at least one byte: more than are left cannot be true. */
  count(what: string): number {
    const at = this.at;
    const count = this.uint();
    if (count > this.remaining) {
      throw new GobError(
        `${what} of ${count} items cannot fit in the ${this.remaining} bytes left`,
        at,
      );
    }
    return count;
  }

  private byte(what: string): number {
    const byte = this.bytes[this.at];
    if (byte === undefined) throw new GobError(`the message ended inside ${what}`, this.at);
    this.at += 1;
    return byte;
  }
}
