import { Correlator } from '../../shared/correlation/correlator';
import { JsonStreamFramer } from '../../shared/framing/json-stream';
import { decodeGoReply, marshalGoRequest } from '../../shared/jsonrpc/go-dialect';

/**
 * A Node client stub built from the same shared/ code as the page: marshal
 * (step 2), frame and decode (step 11), match by id. Only the transport
 * differs between the benchmark's runs.
 */

export type Transport = {
  write(bytes: Uint8Array): void;
  onChunk(handler: (chunk: Uint8Array) => void): void;
  close(): Promise<void>;
};

type Pending = { resolve: (resultText: string) => void; reject: (error: Error) => void };

export class RpcClient {
  private nextId = 0;
  private readonly framer = new JsonStreamFramer();
  private readonly correlator = new Correlator<number>();
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly transport: Transport) {
    transport.onChunk((chunk) => {
      for (const item of this.framer.push(chunk)) {
        if (item.kind === 'error') throw new Error(`framing: ${item.reason}`);
        const decoded = decodeGoReply(item.text);
        if (!decoded.ok) throw new Error(decoded.problem);
        const match = this.correlator.match(decoded.reply.canonicalId);
        if (match.kind !== 'matched') throw new Error(`unmatched reply ${decoded.reply.idText}`);
        const call = this.pending.get(match.key);
        this.pending.delete(match.key);
        if (decoded.reply.error !== null) call?.reject(new Error(decoded.reply.error));
        else call?.resolve(decoded.reply.resultText);
      }
    });
  }

  call(requestText: string): Promise<string> {
    const marshalled = marshalGoRequest(requestText, () => String(this.nextId++));
    if (!marshalled.ok) return Promise.reject(new Error(marshalled.problem));
    const key = this.nextId;
    this.correlator.register(marshalled.canonicalId, key);
    const answer = new Promise<string>((resolve, reject) => {
      this.pending.set(key, { resolve, reject });
    });
    this.transport.write(marshalled.bytes);
    return answer;
  }

  close(): Promise<void> {
    return this.transport.close();
  }
}
