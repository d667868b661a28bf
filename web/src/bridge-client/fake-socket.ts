import { PROTOCOL_VERSION } from '../../../shared/protocol/bridge-protocol';
import type { Clock, SocketFactory, SocketLike } from './bridge-client';

/** A WebSocket stand-in driven by hand, for tests of the bridge client and the client stub. */
export class FakeSocket implements SocketLike {
  readyState = 0;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  readonly sent: Array<string | Uint8Array> = [];
  closedByPage = false;

  constructor(
    readonly url: string,
    readonly protocols: readonly string[],
  ) {}

  send(data: string | Uint8Array): void {
    this.sent.push(data);
  }

  close(): void {
    this.closedByPage = true;
    this.readyState = 3;
  }

  serverOpens(): void {
    this.readyState = 1;
  }

  serverSends(message: object): void {
    this.onmessage?.(JSON.stringify(message));
  }

  serverSendsBinary(bytes: Uint8Array): void {
    this.onmessage?.(bytes.slice().buffer);
  }

  serverCloses(reason = ''): void {
    this.readyState = 3;
    this.onclose?.(reason);
  }

  sentControl(): Array<Record<string, unknown>> {
    return this.sent.filter((d) => typeof d === 'string').map((d) => JSON.parse(d));
  }
}

export function fakeSocketFactory(): { sockets: FakeSocket[]; create: SocketFactory } {
  const sockets: FakeSocket[] = [];
  return {
    sockets,
    create: (url, protocols) => {
      const socket = new FakeSocket(url, protocols);
      sockets.push(socket);
      return socket;
    },
  };
}

/** Where manualClock's epoch clock starts; its page clock starts at 0 and runs with it. */
export const MANUAL_CLOCK_EPOCH = 1_700_000_000_000;

/** A clock whose timers run only when the test advances it. */
export function manualClock(): Clock & { advance(ms: number): void; pending(): number[] } {
  let now = MANUAL_CLOCK_EPOCH;
  let timers: Array<{ at: number; fn: () => void }> = [];
  return {
    now: () => now,
    pageNow: () => now - MANUAL_CLOCK_EPOCH,
    schedule: (fn, ms) => {
      const timer = { at: now + ms, fn };
      timers.push(timer);
      return () => {
        timers = timers.filter((t) => t !== timer);
      };
    },
    advance: (ms) => {
      now += ms;
      const due = timers.filter((t) => t.at <= now);
      timers = timers.filter((t) => t.at > now);
      for (const t of due) t.fn();
    },
    pending: () => timers.map((t) => t.at - now),
  };
}

export const WELCOME = {
  type: 'welcome',
  protocol: PROTOCOL_VERSION,
  demo: { host: '127.0.0.1', port: 7421 },
  demo2: { host: '127.0.0.1', port: 7422 },
  demoGob: { host: '127.0.0.1', port: 7423 },
  allowed: ['loopback'],
  maxMessageBytes: 1024 * 1024,
  at: 1_700_000_000_000,
} as const;
