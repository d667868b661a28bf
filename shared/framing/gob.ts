/**
 * Gob's own framing (GO-NETRPC §4.1): every message is an unsigned count,
 * then that many bytes. Over HTTP (`rpc.DialHTTP`, §3) the stream starts with
 * the answer to `CONNECT /_goRPC_ HTTP/1.0`, an HTTP head ended by an empty
 * line, and is gob after it. Rules GF1–GF3 in README.
 */
import {
  concatBytes,
  decodeUtf8,
  type FramedMessage,
  type Framer,
  FramerError,
  HeldBytes,
  MAX_HELD_MESSAGE_BYTES,
  MAX_SKIPPED_BYTES_KEPT,
} from './framer';
import { HeadCollector, latin1, MAX_HEAD_BYTES } from './header-block';

export type GobFramerErrorCode = 'bad-count' | 'too-large' | 'truncated' | 'bad-handshake';

export class GobFramerError extends FramerError<GobFramerErrorCode> {
  constructor(
    readonly framing: 'gob' | 'gob-http',
    code: GobFramerErrorCode,
    start: number,
    end: number,
    bytes: Uint8Array,
    reason: string,
  ) {
    super(code, start, end, bytes, reason);
  }
}

/** The server's answer to CONNECT: `HTTP/1.0 200 Connected to Go RPC` when it is net/rpc. */
export type GobHandshake = FramedMessage & { statusLine: string; connected: boolean };

export function isGobHandshake(message: FramedMessage): message is GobHandshake {
  return 'connected' in message;
}

/** Where `rpc.HandleHTTP` serves and `rpc.DialHTTP` connects; `DialHTTPPath` takes another. */
export const GO_RPC_PATH = '/_goRPC_';
export const GO_RPC_CONNECTED = '200 Connected to Go RPC';

/** What `rpc.DialHTTPPath` writes first; the server's answer must come before any call (H2). */
export function goRpcConnect(path: string = GO_RPC_PATH): Uint8Array {
  return new TextEncoder().encode(`CONNECT ${path} HTTP/1.0\n\n`);
}

type State =
  | { at: 'head' }
  | { at: 'count'; bytes: number[] }
  | { at: 'payload'; count: Uint8Array; length: number }
  | { at: 'skip'; count: Uint8Array; length: number; left: number };

export class GobFramer implements Framer<FramedMessage | GobHandshake, GobFramerError> {
  private state: State;
  private readonly head = new HeadCollector();
  private readonly held = new HeldBytes();
  private consumed = 0;
  private messageStart = 0;

  /** `handshake`: the stream opens with the answer to CONNECT (framing gob-http). */
  constructor(
    private readonly handshake = false,
    private readonly maxMessageBytes = MAX_HELD_MESSAGE_BYTES,
  ) {
    this.state = handshake ? { at: 'head' } : { at: 'count', bytes: [] };
  }

  get offset(): number {
    return this.consumed;
  }

  private get name(): 'gob' | 'gob-http' {
    return this.handshake ? 'gob-http' : 'gob';
  }

  push(chunk: Uint8Array): Array<FramedMessage | GobHandshake | GobFramerError> {
    const out: Array<FramedMessage | GobHandshake | GobFramerError> = [];
    const base = this.consumed;
    let i = 0;
    while (i < chunk.length) {
      const state = this.state;
      switch (state.at) {
        case 'head': {
          const end = this.head.scan(chunk, i);
          if (end < 0) {
            i = chunk.length;
            if (this.head.length > MAX_HEAD_BYTES) out.push(this.headTooLong(base + i));
            break;
          }
          i = end;
          out.push(this.handshakeMessage(base + i));
          break;
        }
        case 'count': {
          const byte = chunk[i++] as number;
          if (state.bytes.length === 0) this.messageStart = base + i - 1;
          state.bytes.push(byte);
          const first = state.bytes[0] as number;
          const need = first < 128 ? 1 : 257 - first;
          if (need > 9) {
            out.push(
              this.error(
                'bad-count',
                base + i,
                Uint8Array.of(first),
                `0x${first.toString(16)} cannot start a gob message count (at most 8 bytes follow it)`,
              ),
            );
            this.state = { at: 'count', bytes: [] };
            break;
          }
          if (state.bytes.length < need) break;
          let length = 0;
          if (first < 128) length = first;
          else for (const digit of state.bytes.slice(1)) length = length * 256 + digit;
          const count = Uint8Array.from(state.bytes);
          if (length > this.maxMessageBytes) {
            this.held.add(count);
            this.state = { at: 'skip', count, length, left: length };
          } else if (length === 0) {
            out.push(this.message(base + i, new Uint8Array(0)));
            this.state = { at: 'count', bytes: [] };
          } else {
            this.state = { at: 'payload', count, length };
          }
          break;
        }
        case 'payload': {
          const want = state.length - this.held.length;
          const take = Math.min(want, chunk.length - i);
          if (take === want) {
            const payload = this.held.take(chunk.subarray(i, i + take));
            i += take;
            out.push(this.message(base + i, payload));
            this.state = { at: 'count', bytes: [] };
          } else {
            this.held.add(chunk.subarray(i));
            i = chunk.length;
          }
          break;
        }
        case 'skip': {
          const take = Math.min(state.left, chunk.length - i);
          this.held.addCapped(
            chunk.subarray(i, i + take),
            MAX_SKIPPED_BYTES_KEPT - this.held.length,
          );
          i += take;
          state.left -= take;
          if (state.left === 0) {
            out.push(
              this.error(
                'too-large',
                base + i,
                this.held.take(),
                `a gob message of ${state.length} bytes is larger than the ${this.maxMessageBytes} bytes a message may hold: skipped`,
              ),
            );
            this.state = { at: 'count', bytes: [] };
          }
          break;
        }
      }
    }
    this.consumed = base + chunk.length;
    return out;
  }

  end(): FramedMessage | GobFramerError | null {
    const state = this.state;
    const end = this.consumed;
    switch (state.at) {
      case 'head':
        if (this.head.length === 0) return null;
        return this.error(
          'bad-handshake',
          end,
          this.head.take(),
          'the stream ended inside the answer to CONNECT',
        );
      case 'count':
        if (state.bytes.length === 0) return null;
        this.state = { at: 'count', bytes: [] };
        return this.error(
          'truncated',
          end,
          Uint8Array.from(state.bytes),
          'the stream ended inside a gob message count',
        );
      case 'payload': {
        this.state = { at: 'count', bytes: [] };
        const short = state.length - this.held.length;
        return this.error(
          'truncated',
          end,
          concatBytes([state.count, this.held.take()]),
          `the stream ended ${short} bytes short of a ${state.length}-byte gob message`,
        );
      }
      case 'skip':
        this.state = { at: 'count', bytes: [] };
        return this.error(
          'truncated',
          end,
          this.held.take(),
          `the stream ended inside a gob message of ${state.length} bytes (too large to hold)`,
        );
    }
  }

  private message(end: number, payload: Uint8Array): FramedMessage {
    return {
      kind: 'message',
      start: this.messageStart,
      end,
      bytes: payload,
      text: decodeUtf8(payload),
    };
  }

  private error(
    code: GobFramerErrorCode,
    end: number,
    bytes: Uint8Array,
    reason: string,
  ): GobFramerError {
    const start = this.messageStart;
    this.messageStart = end;
    return new GobFramerError(this.name, code, start, end, bytes, reason);
  }

  private handshakeMessage(end: number): GobHandshake {
    const bytes = this.head.take();
    const text = latin1(bytes);
    const statusLine = text.split('\n')[0]?.replace(/\r$/, '') ?? '';
    const connected =
      / 200 Connected to Go RPC$/.test(statusLine) && statusLine.startsWith('HTTP/');
    this.state = { at: 'count', bytes: [] };
    const message = { kind: 'message' as const, start: 0, end, bytes, text, statusLine, connected };
    this.messageStart = end;
    return message;
  }

  private headTooLong(end: number): GobFramerError {
    this.state = { at: 'count', bytes: [] };
    return this.error(
      'bad-handshake',
      end,
      this.head.take().subarray(0, MAX_SKIPPED_BYTES_KEPT),
      `no empty line ended the answer to CONNECT within ${MAX_HEAD_BYTES} bytes`,
    );
  }
}
