/**
 * One TCP connection served as Go's rpc.ServeConn serves it, with net/rpc's
 * default gob codec (GO-NETRPC §4): a request is an rpc.Request header and
 * the args, each a gob value after the types it is the first to use; each call
 * runs concurrently and its reply (rpc.Response, then the reply value or an
 * empty struct) goes out when it completes. A header that cannot be decoded,
 * or bytes that are not gob, end the reading for good; calls in flight still
 * get their replies, then the connection is closed.
 */
import type { Socket } from 'node:net';
import { GobFramer } from '../../shared/framing/gob';
import { GobError } from '../../shared/gob/gob-bytes';
import { GobDecoder } from '../../shared/gob/gob-decoder';
import { GobEncoder } from '../../shared/gob/gob-encoder';
import type { GobType } from '../../shared/gob/gob-type';
import { isJsonObject, type JsonValue, LosslessNumber } from '../../shared/json/exact-json';
import { RESPONSE_TYPE } from '../../shared/jsonrpc/go-gob';
import { now } from '../clock';
import { findMethod } from '../demo/dispatch';
import type { GoEncodable } from '../demo/go-json/encode';
import type { Outcome } from '../demo/jsonrpc-codec';
import { servedSocket } from '../demo/served-socket';
import { type ServerStepsObserver, StepRecorder } from '../demo/server-steps';
import type { Method, Services } from '../demo/services';
import { decodeGobArgs } from './gob-args';

/** What Go sends as the body of an error reply: `struct{}{}`, an unnamed empty struct. */
const INVALID_REQUEST: { type: GobType; value: JsonValue } = {
  type: { kind: 'struct', name: '', fields: [] },
  value: {},
};

const encoder = new TextEncoder();

/** A method's result as a gob type and value: ints, strings, times and structs of them, by Go names. */
function gobValue(result: GoEncodable): { type: GobType; value: JsonValue } {
  switch (result.type) {
    case 'int':
      return { type: { kind: 'int' }, value: new LosslessNumber(result.value.toString()) };
    case 'string':
      return { type: { kind: 'string' }, value: result.value };
    // A GobEncoder: its bytes are time.MarshalBinary's, written from the same RFC 3339 text.
    case 'time':
      return { type: { kind: 'time' }, value: result.value };
    case 'struct': {
      const fields = result.fields.map(([json, field, go]) => ({
        name: go ?? json,
        ...gobValue(field),
      }));
      const value: { [key: string]: JsonValue } = {};
      for (const field of fields) value[field.name] = field.value;
      return {
        type: {
          kind: 'struct',
          name: result.name ?? '',
          fields: fields.map(({ name, type }) => ({ name, type })),
        },
        value,
      };
    }
    default:
      throw new Error(`the demo's methods return no ${result.type} in gob`);
  }
}

type Header = { seq: string; serviceMethod: string; found: { method: Method } | { error: string } };

/** `observe` hears steps 4–9 of every call, as the JSON demo's do. */
export function serveGobConnection(
  socket: Socket,
  services: Services,
  observe: ServerStepsObserver = () => {},
): void {
  const framer = new GobFramer();
  const decoder = new GobDecoder();
  const replies = new GobEncoder();
  const peer = { host: socket.remoteAddress ?? '', port: socket.remotePort ?? 0 };
  let header: Header | null = null;
  const served = servedSocket(socket);
  let chunkAt = 0;

  const reply = (head: Header, outcome: Outcome, recorder: StepRecorder) => {
    const error = 'error' in outcome ? outcome.error : '';
    const body = 'error' in outcome ? INVALID_REQUEST : gobValue(outcome.result);
    const response = {
      ServiceMethod: head.serviceMethod,
      Seq: new LosslessNumber(head.seq),
      Error: error,
    };
    const bytes = replies.encode([{ type: RESPONSE_TYPE, value: response }, body]);
    recorder.mark('encoded');
    served.write(bytes, recorder);
  };

  /** The body of the call `head` announced: refused at once, or run and answered when done. */
  const call = (head: Header, typeId: number, args: JsonValue) => {
    const recorder = new StepRecorder(observe, peer, encoder.encode(head.seq), chunkAt);
    const { found } = head;
    const decoded =
      'error' in found
        ? { value: null, error: found.error }
        : decodeGobArgs(decoder.wireType(typeId), args, found.method.argType, (id) =>
            decoder.wireType(id),
          );
    recorder.mark('decoded');
    if ('error' in found || decoded.value === null || decoded.error !== null) {
      reply(head, { error: decoded.error ?? '' }, recorder);
      return;
    }
    recorder.mark('invoked');
    served.running(
      found.method.call(decoded.value).then(
        (outcome) => {
          recorder.mark('returned');
          reply(head, outcome, recorder);
        },
        () => {
          // Only an aborted sleep rejects: the server is closing and the socket is gone.
        },
      ),
    );
  };

  const readHeader = (value: JsonValue): Header | null => {
    if (!isJsonObject(value)) return null;
    const { ServiceMethod: serviceMethod, Seq: seq } = value;
    if (typeof serviceMethod !== 'string' || !(seq instanceof LosslessNumber)) return null;
    return { seq: seq.toString(), serviceMethod, found: findMethod(services, serviceMethod) };
  };

  const receive = (payload: Uint8Array) => {
    let message: ReturnType<GobDecoder['message']>;
    try {
      message = decoder.message(payload);
    } catch (error) {
      if (!(error instanceof GobError)) throw error;
      // "rpc: server cannot decode request": Go stops reading this connection.
      return served.stopReading();
    }
    if (message.kind !== 'value') return;
    if (header === null) {
      header = readHeader(message.value);
      if (header === null) served.stopReading();
      return;
    }
    const head = header;
    header = null;
    call(head, message.typeId, message.value);
  };

  socket.setNoDelay(true);
  socket.on('data', (chunk: Buffer) => {
    if (!served.reading) return;
    chunkAt = now();
    for (const item of framer.push(chunk)) {
      if (!served.reading) break;
      if (item.kind === 'error') served.stopReading();
      else receive(item.bytes);
    }
  });
  socket.on('end', () => {
    if (!served.reading) return;
    // A header whose body never came: Go answers it with "EOF" (GO-NETRPC §4.4), then closes.
    if (header !== null) {
      const recorder = new StepRecorder(observe, peer, encoder.encode(header.seq), chunkAt);
      recorder.mark('decoded');
      reply(header, { error: 'EOF' }, recorder);
      header = null;
    }
    served.stopReading();
  });
  socket.on('error', () => served.broken());
}
