/**
 * time.Time in gob: a GobEncoder whose wire type is named "Time" and whose
 * bytes are time.MarshalBinary's (version 1: u8 1 | i64 seconds since
 * 0001-01-01 UTC | i32 nanoseconds | i16 zone offset in minutes, -1 for UTC;
 * version 2 adds i8 offset seconds). Read as encoding/json writes it (RFC
 * 3339, nanoseconds without trailing zeros), so the same reply reads the same
 * in the gob and the jsonrpc dialects; written from the RFC 3339 text that
 * encoding/json reads.
 */
export const GO_TIME_TYPE_NAME = 'Time';

/** The zero time.Time, which gob leaves out of a struct, as encoding/json writes it. */
export const GO_ZERO_TIME_JSON = '0001-01-01T00:00:00Z';

/** Seconds from 0001-01-01 to 1970-01-01, UTC. */
const UNIX_TO_INTERNAL = 62_135_596_800n;
const MAX_NANOS = 999_999_999;

const pad = (value: number, digits: number) => String(value).padStart(digits, '0');

const RFC_3339 =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:(Z)|([+-])(\d{2}):(\d{2}))$/;

/** Year, month, day, hour, minute, second. */
type Wall = [number, number, number, number, number, number];

/** An RFC 3339 time's parts: the wall clock, nanoseconds, and minutes east of UTC (null for Z). */
type GoTimeParts = {
  wall: Wall;
  nanos: number;
  offsetMinutes: number | null;
};

/**
 * An RFC 3339 time as encoding/json reads it (time.RFC3339, any fraction up
 * to nanoseconds), or a sentence saying why the text is not one.
 */
function parseGoTime(text: string): GoTimeParts | string {
  const parts = RFC_3339.exec(text);
  if (!parts) return `"${text}" is not an RFC 3339 time such as 2024-02-29T13:45:30Z`;
  const wall = parts.slice(1, 7).map(Number) as Wall;
  const [year, month, day, hour, minute, second] = wall;
  const [fraction = '', utc, sign, offsetHours = '0', offsetMinutes = '0'] = parts.slice(7);
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (
    date.getUTCMonth() !== month - 1 ||
    hour > 23 ||
    minute > 59 ||
    second > 59 ||
    Number(offsetHours) > 23 ||
    Number(offsetMinutes) > 59
  ) {
    return `"${text}" names no such moment: check the date, the time and the offset`;
  }
  return {
    wall,
    nanos: Number(fraction.padEnd(9, '0')),
    offsetMinutes: utc
      ? null
      : (sign === '-' ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes)),
  };
}

/**
 * time.MarshalBinary's bytes for an RFC 3339 time, or a sentence saying why
 * the text is not one. "Z" is UTC; any other offset a fixed zone.
 */
export function goTimeBinary(text: string): Uint8Array | string {
  const parts = parseGoTime(text);
  if (typeof parts === 'string') return parts;
  const [year, month, day, hour, minute, second] = parts.wall;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  const offset = parts.offsetMinutes ?? 0;
  const bytes = new Uint8Array(15);
  const view = new DataView(bytes.buffer);
  view.setUint8(0, 1);
  view.setBigInt64(1, BigInt(date.getTime() / 1000 - offset * 60) + UNIX_TO_INTERNAL);
  view.setInt32(9, parts.nanos);
  view.setInt16(13, parts.offsetMinutes ?? -1);
  return bytes;
}

/** The time as Go source: `time.Date(2024, 2, 29, 13, 45, 30, 123456789, time.FixedZone("", 28800))`. */
export function goTimeLiteral(text: string): string {
  const parts = parseGoTime(text);
  if (typeof parts === 'string') return JSON.stringify(text);
  const zone =
    parts.offsetMinutes === null ? 'time.UTC' : `time.FixedZone("", ${parts.offsetMinutes * 60})`;
  return `time.Date(${parts.wall.join(', ')}, ${parts.nanos}, ${zone})`;
}

/** time.Time{} as time.MarshalBinary writes it: version 1, no seconds or nanoseconds, UTC (-1). */
const ZERO_UTC = Uint8Array.of(1, ...new Array<number>(12).fill(0), 0xff, 0xff);

/** The zero time in UTC: Go leaves it out of a struct, as any zero value. */
export const isZeroGoTime = (bytes: Uint8Array): boolean =>
  bytes.length === ZERO_UTC.length && bytes.every((byte, i) => byte === ZERO_UTC[i]);

/** The time as encoding/json writes it, or null when the bytes are not a time it would write. */
export function goTimeJson(bytes: Uint8Array): string | null {
  const version = bytes[0];
  if (!((version === 1 && bytes.length === 15) || (version === 2 && bytes.length === 16))) {
    return null;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const nanos = view.getInt32(9);
  const offsetMinutes = view.getInt16(13);
  if (nanos < 0 || nanos > MAX_NANOS || (version === 2 && offsetMinutes === -1)) return null;
  const offset =
    offsetMinutes === -1 ? 0 : offsetMinutes * 60 + (version === 2 ? view.getInt8(15) : 0);
  const unix = view.getBigInt64(1) - UNIX_TO_INTERNAL + BigInt(offset);
  // Outside 0000–9999 encoding/json refuses the time (Time.MarshalJSON); so do we.
  if (unix < -62_167_219_200n || unix > 253_402_300_799n) return null;
  const wall = new Date(Number(unix) * 1000);
  const date = `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1, 2)}-${pad(wall.getUTCDate(), 2)}`;
  const clock = `${pad(wall.getUTCHours(), 2)}:${pad(wall.getUTCMinutes(), 2)}:${pad(wall.getUTCSeconds(), 2)}`;
  const fraction = nanos === 0 ? '' : `.${pad(nanos, 9).replace(/0+$/, '')}`;
  // Go's "Z07:00" writes Z for a zero offset, else whole minutes east, signed as those are.
  const minutes = Math.trunc(offset / 60);
  const east = Math.abs(minutes);
  const zone =
    offset === 0
      ? 'Z'
      : `${minutes < 0 ? '-' : '+'}${pad(Math.trunc(east / 60), 2)}:${pad(east % 60, 2)}`;
  return `${date}T${clock}${fraction}${zone}`;
}
