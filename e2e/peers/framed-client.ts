import { connect, type Socket } from 'node:net';
import {
  ContentLengthFramer,
  encodeContentLengthMessage,
} from '../../shared/framing/content-length';
import type { FramedMessage, Framer, FramerError } from '../../shared/framing/framer';
import { encodeHttpRequest } from '../../shared/framing/http-request';
import { HttpResponseReader } from '../../shared/framing/http-response';
import { NdjsonFramer } from '../../shared/framing/ndjson';

/**
 * The test side of the interop checks: OUR framers over a real loopback
 * socket, nothing of the peer's library. Requests go out framed as the peer
 * expects; everything read is pushed through our framer, events kept in order.
 */

export type PeerFraming = 'ndjson' | 'content-length' | 'http';

const WAIT_MS = 5_000;

export class FramedClient {
  /** Every message and framing error, in stream order. */
  readonly events: Array<FramedMessage | FramerError> = [];
  closed = false;
  private readonly framer: Framer;
  private readonly http: HttpResponseReader | null;

  private constructor(
    private readonly socket: Socket,
    private readonly framing: PeerFraming,
    private readonly hostHeader: string,
  ) {
    this.http = framing === 'http' ? new HttpResponseReader() : null;
    this.framer =
      this.http ?? (framing === 'ndjson' ? new NdjsonFramer() : new ContentLengthFramer());
    socket.on('data', (chunk: Buffer) => this.events.push(...this.framer.push(chunk)));
    socket.on('end', () => {
      const last = this.framer.end();
      if (last) this.events.push(last);
    });
    socket.on('close', () => {
      this.closed = true;
    });
    socket.on('error', () => {});
  }

  static connect(port: number, framing: PeerFraming): Promise<FramedClient> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port, noDelay: true });
      socket.once('error', reject);
      socket.once('connect', () => {
        socket.off('error', reject);
        resolve(new FramedClient(socket, framing, `127.0.0.1:${port}`));
      });
    });
  }

  /** Frames each message text (a marshalled request, newline included) and writes them all in one write. */
  send(...texts: string[]): void {
    this.socket.write(Buffer.concat(texts.map((text) => Buffer.from(this.frame(text)))));
  }

  /** Raw bytes, unframed. */
  sendRaw(bytes: string | Uint8Array): void {
    this.socket.write(bytes);
  }

  private frame(text: string): Uint8Array {
    if (this.framing === 'ndjson') return new TextEncoder().encode(text);
    const body = text.replace(/\n$/, '');
    if (this.framing === 'content-length') return encodeContentLengthMessage(body);
    const request = encodeHttpRequest({ host: this.hostHeader, body });
    if (!request.ok) throw new Error(request.problem);
    this.http?.requestSent(request.method);
    return request.bytes;
  }

  /** Resolves with the first `count` events once they arrived; rejects after WAIT_MS. */
  async waitFor(count: number): Promise<Array<FramedMessage | FramerError>> {
    const deadline = Date.now() + WAIT_MS;
    while (this.events.length < count) {
      if (Date.now() > deadline) {
        throw new Error(`waited for ${count} events, got ${this.events.length}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return this.events.slice(0, count);
  }

  /** Waits until the peer closed the connection; rejects after WAIT_MS. */
  async waitForClose(): Promise<void> {
    const deadline = Date.now() + WAIT_MS;
    while (!this.closed) {
      if (Date.now() > deadline) throw new Error('the peer did not close');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  close(): void {
    this.socket.destroy();
  }
}
