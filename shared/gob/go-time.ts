/**
 * time.Time in gob: a GobEncoder whose wire type is named "Time" and whose
 * bytes are time.MarshalBinary's (version 1: u8 1 | i64 seconds since
 * 0001-01-01 UTC | i32 nanoseconds | i16 zone offset in minutes, -1 for UTC;
 * version 2 adds i8 offset seconds). Shown as encoding/json writes it (RFC
 * 3339, nanoseconds without trailing zeros), so the same reply reads the same
 * in the gob and the jsonrpc dialects.
 */
export const GO_TIME_TYPE_NAME = 'Time';

/** The zero time.Time, which gob leaves out of a struct, as encoding/json writes it. */
export const GO_ZERO_TIME_JSON = '0001-01-01T00:00:00Z';

/** Seconds from 0001-01-01 to 1970-01-01, UTC. */
const UNIX_TO_INTERNAL = 62_135_596_800n;
const MAX_NANOS = 999_999_999;

const pad = (value: number, digits: number) => String(value).padStart(digits, '0');

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
