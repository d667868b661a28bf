/**
 * The glass-box part of the demo server: steps 4–9 of each call, stamped with
 * the bridge clock where they happen, and reported once the reply is written.
 */
import type { ServerStamps } from '../../shared/steps/call-stamps';
import { now } from '../clock';

/** One call as the demo server saw it. */
export type ServerStepsReport = {
  /** The client's end of the TCP connection, as the server sees it. */
  peer: { host: string; port: number };
  /** The request id's JSON text as the server decoded it; "null" when absent or null. */
  id: string;
  stamps: ServerStamps;
};

export type ServerStepsObserver = (report: ServerStepsReport) => void;

/** The steps between reading a request and writing its reply, in the order they happen. */
export type InnerStep = 'decoded' | 'invoked' | 'returned' | 'encoded';

const idDecoder = new TextDecoder('utf-8', { fatal: false });

/** Collects one call's stamps; `mark` is handed to dispatch, `written` reports the call. */
export class StepRecorder {
  private readonly stamps: ServerStamps;

  constructor(
    private readonly observe: ServerStepsObserver,
    private readonly peer: { host: string; port: number },
    private readonly id: Uint8Array | null,
    received: number,
  ) {
    const at = now();
    // decoded and encoded are set by mark before the reply exists; the defaults never show.
    this.stamps = {
      received,
      decoded: at,
      invoked: null,
      returned: null,
      encoded: at,
      written: at,
    };
  }

  readonly mark = (step: InnerStep): void => {
    this.stamps[step] = now();
  };

  /** The reply's last byte was handed to the kernel (the socket's write callback). */
  written(): void {
    const id = this.id === null ? 'null' : idDecoder.decode(this.id);
    this.observe({ peer: this.peer, id, stamps: { ...this.stamps, written: now() } });
  }
}
