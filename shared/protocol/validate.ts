import type { ServerStamps } from '../steps/call-stamps';
import {
  type BridgeMessage,
  CLOSE_KINDS,
  CLOSED_BY,
  DEMO_NAMES,
  type DemoName,
  ERROR_CODES,
  type PageMessage,
  type ServerStepsReport,
} from './bridge-protocol';

/**
 * Validation on arrival. Both sides treat the other's text frames as untrusted:
 * a message is accepted only if every field has the declared type.
 */

type Fields = Record<string, unknown>;

function parseObject(text: string): Fields | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'control message is not JSON';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'control message is not a JSON object';
  }
  return value as Fields;
}

const isConn = (v: unknown): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 0xffffffff;
const isPort = (v: unknown): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 65535;
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const oneOf = (values: readonly string[], v: unknown): boolean =>
  typeof v === 'string' && values.includes(v);
const isTarget = (v: unknown): boolean =>
  typeof v === 'object' && v !== null && isString((v as Fields).host) && isPort((v as Fields).port);
const isSeq = (v: unknown): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
/** The longest id text the page accepts in server-steps; a request's own limit keeps ids far shorter. */
export const MAX_SERVER_STEPS_ID_CHARS = 4096;
const SERVER_STAMP_KEYS = [
  'received',
  'decoded',
  'invoked',
  'returned',
  'encoded',
  'written',
] as const;

function parseServerStepsReport(v: unknown): ServerStepsReport | string {
  if (typeof v !== 'object' || v === null) return 'not an object';
  const r = v as Fields;
  if (!isConn(r.conn)) return 'bad conn';
  if (!isString(r.id) || r.id.length === 0 || r.id.length > MAX_SERVER_STEPS_ID_CHARS)
    return 'bad id';
  const stamps = parseServerStamps(r.stamps);
  if (stamps === null) return 'bad stamps';
  return { conn: r.conn, id: r.id, stamps };
}

/** Copies exactly the six stamps (invoked and returned may be null), so nothing else is kept. */
function parseServerStamps(v: unknown): ServerStamps | null {
  if (typeof v !== 'object' || v === null) return null;
  const fields = v as Fields;
  const stamps: Partial<Record<keyof ServerStamps, number | null>> = {};
  for (const key of SERVER_STAMP_KEYS) {
    const value = fields[key];
    const mayBeNull = key === 'invoked' || key === 'returned';
    if (!isTime(value) && !(mayBeNull && value === null)) return null;
    stamps[key] = value;
  }
  return stamps as ServerStamps;
}

export function parsePageMessage(text: string): PageMessage | string {
  const m = parseObject(text);
  if (typeof m === 'string') return m;
  switch (m.type) {
    case 'open':
      if (!isConn(m.conn)) return 'open: conn must be a whole number';
      if (!isString(m.host) || m.host.length === 0 || m.host.length > 255)
        return 'open: host must be a non-empty string';
      if (!isPort(m.port)) return 'open: port must be a whole number from 1 to 65535';
      return { type: 'open', conn: m.conn, host: m.host, port: m.port };
    case 'close':
      if (!isConn(m.conn)) return 'close: conn must be a whole number';
      return { type: 'close', conn: m.conn };
    case 'clock':
      if (!isSeq(m.seq)) return 'clock: seq must be a whole number';
      return { type: 'clock', seq: m.seq };
    case 'demo':
      if (!oneOf(DEMO_NAMES, m.server)) {
        return `demo: server must be one of ${DEMO_NAMES.map((name) => `"${name}"`).join(', ')}`;
      }
      if (typeof m.running !== 'boolean') return 'demo: running must be true or false';
      return { type: 'demo', server: m.server as DemoName, running: m.running };
    default:
      return `unknown control message type ${JSON.stringify(String(m.type))}`;
  }
}

export function parseBridgeMessage(text: string): BridgeMessage | string {
  const m = parseObject(text);
  if (typeof m === 'string') return m;
  switch (m.type) {
    case 'welcome':
      if (typeof m.protocol !== 'number') return 'welcome: protocol missing';
      if (m.demo !== null && !isTarget(m.demo)) return 'welcome: bad demo target';
      if (m.demo2 !== null && !isTarget(m.demo2)) return 'welcome: bad demo2 target';
      if (m.demoGob !== null && !isTarget(m.demoGob)) return 'welcome: bad demoGob target';
      if (!Array.isArray(m.allowed) || !m.allowed.every(isString))
        return 'welcome: bad allowed list';
      if (!Number.isSafeInteger(m.maxMessageBytes) || (m.maxMessageBytes as number) < 1)
        return 'welcome: bad maxMessageBytes';
      if (!isTime(m.at)) return 'welcome: bad time';
      return m as BridgeMessage;
    case 'demo-state': {
      const running = m.running as Fields | null;
      if (typeof running !== 'object' || running === null) return 'demo-state: bad running';
      if (!DEMO_NAMES.every((name) => typeof running[name] === 'boolean'))
        return 'demo-state: bad running';
      if (!isTime(m.at)) return 'demo-state: bad time';
      return {
        type: 'demo-state',
        running: {
          demo: running.demo as boolean,
          demo2: running.demo2 as boolean,
          demoGob: running.demoGob as boolean,
        },
        at: m.at,
      };
    }
    case 'opened':
      if (!isConn(m.conn) || !isTarget(m.remote) || !isTarget(m.local) || !isTime(m.at))
        return 'opened: bad fields';
      return m as BridgeMessage;
    case 'written':
      if (!isConn(m.conn) || !isConn(m.write) || !isConn(m.bytes) || !isTime(m.at))
        return 'written: bad fields';
      return m as BridgeMessage;
    case 'error':
      if (m.conn !== null && !isConn(m.conn)) return 'error: bad conn';
      if (!oneOf(ERROR_CODES, m.code)) return 'error: unknown code';
      if (!isString(m.message) || !isTime(m.at)) return 'error: bad fields';
      return m as BridgeMessage;
    case 'closed':
      if (!isConn(m.conn) || !isString(m.reason) || !isTime(m.at)) return 'closed: bad fields';
      if (!oneOf(CLOSED_BY, m.by)) return 'closed: bad by';
      if (!oneOf(CLOSE_KINDS, m.kind)) return 'closed: bad kind';
      return m as BridgeMessage;
    case 'clock':
      if (!isSeq(m.seq) || !isTime(m.at)) return 'clock: bad fields';
      return { type: 'clock', seq: m.seq, at: m.at };
    case 'server-steps': {
      if (!Array.isArray(m.reports) || m.reports.length === 0) return 'server-steps: bad reports';
      const reports: ServerStepsReport[] = [];
      for (const item of m.reports as unknown[]) {
        const report = parseServerStepsReport(item);
        if (typeof report === 'string') return `server-steps: report ${reports.length}: ${report}`;
        reports.push(report);
      }
      return { type: 'server-steps', reports };
    }
    default:
      return `unknown control message type ${JSON.stringify(String(m.type))}`;
  }
}
