import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { goTimeBinary, goTimeJson, goTimeLiteral, isZeroGoTime } from './go-time';

const hex = (text: string) =>
  Uint8Array.from(text.match(/../g) ?? [], (pair) => Number.parseInt(pair, 16));

/** time.MarshalBinary's bytes for a time: version, seconds since year 1, nanoseconds, offset. */
function binary(seconds: bigint, nanos: number, offsetMinutes: number, offsetSeconds?: number) {
  const bytes = new Uint8Array(offsetSeconds === undefined ? 15 : 16);
  const view = new DataView(bytes.buffer);
  view.setUint8(0, offsetSeconds === undefined ? 1 : 2);
  view.setBigInt64(1, seconds);
  view.setInt32(9, nanos);
  view.setInt16(13, offsetMinutes);
  if (offsetSeconds !== undefined) view.setInt8(15, offsetSeconds);
  return bytes;
}

const UNIX = 62_135_596_800n;
const pad = (value: number, digits: number) => String(value).padStart(digits, '0');

describe('GB6 time.Time as gob carries it (GobEncoder: time.MarshalBinary)', () => {
  it('reads Go 1.19’s bytes as encoding/json wrote the same times', () => {
    // Captured with t.MarshalBinary() and json.Marshal(t) side by side.
    expect(goTimeJson(hex('010000000edd7210fa075bcd1501e0'))).toBe(
      '2024-02-29T13:45:30.123456789+08:00',
    );
    expect(goTimeJson(hex('01000000000000000000000000ffff'))).toBe('0001-01-01T00:00:00Z');
    expect(goTimeJson(hex('010000000e779228371dcd6500ff2e'))).toBe('1969-12-31T23:59:59.5-03:30');
    expect(goTimeJson(hex('010000000eafff3a80000000000000'))).toBe('2000-01-01T00:00:00Z');
    expect(goTimeJson(hex('020000000eaffeed19000003e8014a0f'))).toBe(
      '2000-01-01T00:00:00.000001+05:30',
    );
  });

  it('writes Z for a zero offset and signs an offset under a minute as Go does', () => {
    expect(goTimeJson(binary(UNIX, 0, 0, 15))).toBe('1970-01-01T00:00:15+00:00');
    expect(goTimeJson(binary(UNIX, 0, 0, -15))).toBe('1969-12-31T23:59:45+00:00');
    expect(goTimeJson(binary(UNIX, 0, -1))).toBe('1970-01-01T00:00:00Z');
  });

  it('refuses what encoding/json would not write, or what is not a time', () => {
    // Year 10000, and a year before 0.
    expect(goTimeJson(binary(UNIX + 253_402_300_800n, 0, -1))).toBeNull();
    expect(goTimeJson(binary(-86_400n * 367n, 0, -1))).toBeNull();
    expect(goTimeJson(binary(UNIX, 1_000_000_000, -1))).toBeNull();
    expect(goTimeJson(binary(UNIX, 0, -1, 0))).toBeNull();
    expect(goTimeJson(hex('01000000000000000000000000ff'))).toBeNull();
    expect(goTimeJson(hex('030000000000000000000000000000ffff'))).toBeNull();
  });

  it('agrees with the platform on every second from year 0 to 9999, in UTC (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -62_167_219_200n, max: 253_402_300_799n }),
        fc.integer({ min: 0, max: 999 }),
        (unix, millis) => {
          const text = goTimeJson(binary(unix + UNIX, millis * 1_000_000, -1));
          const iso = new Date(Number(unix) * 1000 + millis).toISOString();
          // The platform writes every millisecond; Go drops trailing zeros of the fraction.
          const expected = iso.replace(/\.000Z$/, 'Z').replace(/(\.\d*?)0+Z$/, '$1Z');
          expect(text).toBe(expected);
        },
      ),
    );
  });

  it('writes an RFC 3339 time as Go 1.19’s time.MarshalBinary does', () => {
    const text = (bytes: Uint8Array | string) =>
      typeof bytes === 'string'
        ? bytes
        : Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    expect(text(goTimeBinary('2024-02-29T13:45:30.123456789+08:00'))).toBe(
      '010000000edd7210fa075bcd1501e0',
    );
    expect(text(goTimeBinary('1969-12-31T23:59:59.5-03:30'))).toBe(
      '010000000e779228371dcd6500ff2e',
    );
    expect(text(goTimeBinary('0001-01-01T00:00:00Z'))).toBe('01000000000000000000000000ffff');
    // "Z" is UTC (offset -1); "+00:00" a fixed zone at 0, as Go's time.Parse makes them.
    expect(text(goTimeBinary('2000-01-01T00:00:00Z'))).toBe('010000000eafff3a8000000000ffff');
    expect(text(goTimeBinary('2000-01-01T00:00:00+00:00'))).toBe('010000000eafff3a80000000000000');
  });

  it('refuses text that is not an RFC 3339 moment, saying so', () => {
    for (const text of ['2024-02-29', '2024-02-29 13:45:30Z', '2024-02-29T13:45:30', 'yesterday']) {
      expect(goTimeBinary(text)).toMatch(/is not an RFC 3339 time such as 2024-02-29T13:45:30Z$/);
    }
    for (const text of [
      '2023-02-29T00:00:00Z',
      '2024-13-01T00:00:00Z',
      '2024-01-01T24:00:00Z',
      '2024-01-01T00:60:00Z',
      '2024-01-01T00:00:00+24:00',
    ]) {
      expect(goTimeBinary(text)).toMatch(/names no such moment/);
    }
  });

  it('reads back what it wrote, as encoding/json writes it (property)', () => {
    const two = (max: number, min = 0) => fc.integer({ min, max }).map((n) => pad(n, 2));
    const moment = fc.record({
      year: fc.integer({ min: 0, max: 9999 }).map((n) => pad(n, 4)),
      month: two(12, 1),
      day: two(28, 1),
      clock: fc.tuple(two(23), two(59), two(59)).map((parts) => parts.join(':')),
      fraction: fc.oneof(
        fc.constant(''),
        fc.integer({ min: 1, max: 999_999_999 }).map((n) => `.${pad(n, 9).replace(/0+$/, '')}`),
      ),
      zone: fc.oneof(
        fc.constant('Z'),
        fc
          .tuple(fc.constantFrom('+', '-'), two(23), two(59))
          .filter(([, h, m]) => h !== '00' || m !== '00')
          .map(([sign, h, m]) => `${sign}${h}:${m}`),
      ),
    });
    fc.assert(
      fc.property(moment, ({ year, month, day, clock, fraction, zone }) => {
        const text = `${year}-${month}-${day}T${clock}${fraction}${zone}`;
        const bytes = goTimeBinary(text);
        if (typeof bytes === 'string') throw new Error(bytes);
        // encoding/json refuses years outside 0–9999 once the offset moves the instant there.
        const back = goTimeJson(bytes);
        if (back !== null) expect(back).toBe(text);
      }),
      { seed: 2024, numRuns: 500 },
    );
  });

  it('knows the zero time (which Go leaves out of a struct), and writes a time as Go source', () => {
    const zero = goTimeBinary('0001-01-01T00:00:00Z');
    const fixed = goTimeBinary('0001-01-01T00:00:00+00:00');
    expect(typeof zero !== 'string' && isZeroGoTime(zero)).toBe(true);
    expect(typeof fixed !== 'string' && isZeroGoTime(fixed)).toBe(false);
    expect(goTimeLiteral('2024-02-29T13:45:30.123456789+08:00')).toBe(
      'time.Date(2024, 2, 29, 13, 45, 30, 123456789, time.FixedZone("", 28800))',
    );
    expect(goTimeLiteral('2024-02-29T13:45:30Z')).toBe(
      'time.Date(2024, 2, 29, 13, 45, 30, 0, time.UTC)',
    );
  });
});
