import { fromBase64, toBase64 } from '../../../shared/wire/base64';
import { DIALECT_NAMES } from '../client-stub/dialects';
import { FRAMING_NAMES } from '../client-stub/wire-framing';
import {
  type Call,
  MAX_KEPT_CALLS,
  MAX_KEPT_STRAYS,
  STRAY_KINDS,
  type StrayKind,
  type StrayReply,
} from '../stores/calls-store';
import type { ProtocolChoice } from '../stores/protocol-choice';
import {
  MAX_KEPT_BYTES,
  MAX_KEPT_CHUNKS,
  MAX_KEPT_MESSAGES,
  type WireDirection,
} from '../stores/wire-store';
import {
  arrayField,
  countField,
  type Fields,
  field,
  nullableNumber,
  nullableString,
  objectAt,
  oneOf,
  refuse,
  stringField,
} from './read-fields';
import { readCall, readStray } from './recorded-call';

/**
 * A session file: what the page recorded (calls with every time measured,
 * the bytes on the wire as the bridge wrote and read them, stray replies),
 * the target it talked to and the request in the editor. It is JSON, with
 * bytes in base64, so it can be read, diffed and mailed; its calls carry
 * the clock estimate their steps are read with, so a page opens it without
 * a bridge or a server and shows every step where it was measured.
 */

export const SESSION_FORMAT = 'rpc-playground-session';
export const SESSION_VERSION = 1;
/** Far above what a page keeps (48 MiB of wire bytes are 64 MiB of base64). */
export const MAX_SESSION_FILE_BYTES = 128 * 1024 * 1024;

export type RecordedChunk = {
  conn: number;
  direction: WireDirection;
  streamOffset: number;
  /** Bridge clock; null for a write the bridge never acknowledged. */
  at: number | null;
  bytes: Uint8Array;
};

export type RecordedMessage = {
  conn: number;
  direction: WireDirection;
  start: number;
  end: number;
  callKey: string | null;
};

export type Session = {
  /** When it was written, ISO 8601. */
  exportedAt: string;
  targetText: string;
  protocol: ProtocolChoice;
  /** The editor's text. */
  request: string;
  calls: Call[];
  forgottenCalls: number;
  strays: StrayReply[];
  strayCounts: Record<StrayKind, number>;
  chunks: RecordedChunk[];
  messages: RecordedMessage[];
  dropped: { chunks: number; bytes: number };
};

const DIRECTIONS: readonly WireDirection[] = ['sent', 'received'];

export function writeSession(session: Session): string {
  const { chunks, messages, dropped, ...rest } = session;
  return JSON.stringify({
    format: SESSION_FORMAT,
    version: SESSION_VERSION,
    ...rest,
    wire: {
      chunks: chunks.map(({ bytes, ...chunk }) => ({ ...chunk, bytes: toBase64(bytes) })),
      messages,
      dropped,
    },
  });
}

/** The session in `text`; throws SessionFileError saying what is wrong, and where. */
export function readSession(text: string): Session {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    refuse('the file', 'is not JSON, so it is not a session file');
  }
  const file = objectAt(value, 'the file');
  if (file.value.format !== SESSION_FORMAT)
    refuse('the file', `is JSON but not a session file (no "format": "${SESSION_FORMAT}")`);
  const version = file.value.version;
  if (version !== SESSION_VERSION) {
    const newer = typeof version === 'number' && version > SESSION_VERSION;
    refuse(
      'the file',
      newer
        ? `is a session of version ${version}, newer than this page reads (${SESSION_VERSION})`
        : `has no version this page reads (${SESSION_VERSION})`,
    );
  }
  const root = { path: '', value: file.value };
  const calls = arrayField(root, 'calls').map((call, i) => readCall(call, `calls[${i}]`));
  const strays = arrayField(root, 'strays').map((stray, i) => readStray(stray, `strays[${i}]`));
  const wire = field(root, 'wire');
  const chunks = arrayField(wire, 'chunks').map((chunk, i) =>
    readChunk(objectAt(chunk, `wire.chunks[${i}]`)),
  );
  const messages = arrayField(wire, 'messages').map((message, i) =>
    readMessage(objectAt(message, `wire.messages[${i}]`)),
  );
  const session: Session = {
    exportedAt: stringField(root, 'exportedAt'),
    targetText: stringField(root, 'targetText'),
    protocol: readProtocol(field(root, 'protocol')),
    request: stringField(root, 'request'),
    calls,
    forgottenCalls: countField(root, 'forgottenCalls'),
    strays,
    strayCounts: readStrayCounts(field(root, 'strayCounts')),
    chunks,
    messages,
    dropped: readDropped(field(wire, 'dropped')),
  };
  checkFits(session);
  checkKeys(session.calls);
  checkStreams(session.chunks);
  return session;
}

function readProtocol(protocol: Fields): ProtocolChoice {
  const framing = protocol.value.framingChoice;
  const dialect = protocol.value.dialectChoice;
  return {
    framingChoice: framing === null ? null : oneOf(protocol, 'framingChoice', FRAMING_NAMES),
    dialectChoice: dialect === null ? null : oneOf(protocol, 'dialectChoice', DIALECT_NAMES),
    httpPath: stringField(protocol, 'httpPath'),
    connectPath: stringField(protocol, 'connectPath'),
  };
}

function readStrayCounts(counts: Fields): Record<StrayKind, number> {
  return Object.fromEntries(STRAY_KINDS.map((kind) => [kind, countField(counts, kind)])) as Record<
    StrayKind,
    number
  >;
}

function readDropped(dropped: Fields): Session['dropped'] {
  return { chunks: countField(dropped, 'chunks'), bytes: countField(dropped, 'bytes') };
}

function readChunk(chunk: Fields): RecordedChunk {
  const bytes = fromBase64(stringField(chunk, 'bytes'));
  if (bytes === null) refuse(`${chunk.path}.bytes`, 'is not base64');
  return {
    conn: countField(chunk, 'conn'),
    direction: oneOf(chunk, 'direction', DIRECTIONS),
    streamOffset: countField(chunk, 'streamOffset'),
    at: nullableNumber(chunk, 'at'),
    bytes: bytes as Uint8Array,
  };
}

function readMessage(message: Fields): RecordedMessage {
  const start = countField(message, 'start');
  const end = countField(message, 'end');
  if (end < start) refuse(`${message.path}.end`, 'is before its start');
  return {
    conn: countField(message, 'conn'),
    direction: oneOf(message, 'direction', DIRECTIONS),
    start,
    end,
    callKey: nullableString(message, 'callKey'),
  };
}

/** A file holding more than a page keeps would be cut on opening: it is refused whole instead. */
function checkFits(session: Session): void {
  const bytes = session.chunks.reduce((sum, chunk) => sum + chunk.bytes.length, 0);
  const limits: Array<[count: number, max: number, what: string]> = [
    [session.calls.length, MAX_KEPT_CALLS, 'calls'],
    [session.strays.length, MAX_KEPT_STRAYS, 'stray replies'],
    [session.chunks.length, MAX_KEPT_CHUNKS, 'wire chunks'],
    [session.messages.length, MAX_KEPT_MESSAGES, 'wire messages'],
    [bytes, MAX_KEPT_BYTES, 'bytes on the wire'],
  ];
  for (const [count, max, what] of limits) {
    if (count > max) refuse('the file', `holds ${count} ${what}, more than a page keeps (${max})`);
  }
}

/** A key names one call: replies and wire messages find their call by it. */
function checkKeys(calls: readonly Call[]): void {
  const seen = new Map<string, number>();
  for (const [i, call] of calls.entries()) {
    const first = seen.get(call.key);
    if (first !== undefined)
      refuse(`calls[${i}].key`, `is "${call.key}", as calls[${first}].key is`);
    seen.set(call.key, i);
  }
}

/** Each conn's bytes in each direction are one stream: its chunks follow each other without overlap. */
function checkStreams(chunks: readonly RecordedChunk[]): void {
  const ends = new Map<string, number>();
  for (const [i, chunk] of chunks.entries()) {
    const stream = `${chunk.conn}:${chunk.direction}`;
    const end = ends.get(stream) ?? 0;
    if (chunk.streamOffset < end)
      refuse(
        `wire.chunks[${i}].streamOffset`,
        `is ${chunk.streamOffset}, inside bytes conn ${chunk.conn} already ${chunk.direction} (up to ${end})`,
      );
    ends.set(stream, chunk.streamOffset + chunk.bytes.length);
  }
}
