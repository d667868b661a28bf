import { connect, type Socket } from 'node:net';
import type { Page } from '@playwright/test';
import type { FramedMessage, FramerError, FramingName } from '../shared/framing/framer';
import type { HttpResponse } from '../shared/framing/http-response';
import {
  decodeV2Response,
  marshalV2Request,
  type V2MarshalResult,
  type V2Response,
} from '../shared/jsonrpc/v2';
import {
  ConnectionSession,
  type MarshalledWrite,
  type ReplyOutcome,
} from '../web/src/client-stub/connection-session';
import { expect, test } from './fixtures';
import { type BadPeerKind, startBadPeer } from './peers/bad-peers';
import { FramedClient, type PeerFraming } from './peers/framed-client';
import { startJsonRpc2HttpPeer, startJsonRpc2TcpPeer } from './peers/json-rpc-2-peers';
import type { RunningPeer } from './peers/loopback-server';
import { FAIL_CODE, FAIL_MESSAGE } from './peers/peer-methods';
import { startVscodeJsonRpcPeer } from './peers/vscode-jsonrpc-peer';

/**
 * Interop with real JSON-RPC 2.0 peers built on maintained npm libraries,
 * over real loopback TCP, driven by OUR code only: the shared framers and the
 * shared v2 codec (marshalV2Request / decodeV2Response), then through the
 * page's ConnectionSession; no browser but for the last test, which goes
 * through the page in Chromium.
 */

type Peer = RunningPeer & { notes: string[] };
type PeerCase = {
  name: string;
  start: () => Promise<Peer>;
  framing: PeerFraming;
  /** LSP's library has no batches. */
  batches: boolean;
  /** HTTP/1.1 answers pipelined requests in order, so nothing can overtake. */
  overtaking: boolean;
};

const PEERS: PeerCase[] = [
  {
    name: 'json-rpc-2.0 over TCP, newline-delimited',
    start: startJsonRpc2TcpPeer,
    framing: 'ndjson',
    batches: true,
    overtaking: true,
  },
  {
    name: 'json-rpc-2.0 over HTTP/1.1 POST',
    start: startJsonRpc2HttpPeer,
    framing: 'http',
    batches: true,
    overtaking: false,
  },
  {
    name: 'vscode-jsonrpc over TCP, Content-Length',
    start: startVscodeJsonRpcPeer,
    framing: 'content-length',
    batches: false,
    overtaking: true,
  },
];

/** Auto ids as the client stub makes them: from 0 per connection. */
function autoIds(): () => string {
  let next = 0;
  return () => String(next++);
}

function marshal(
  editorText: string,
  nextId: () => string,
  notification = false,
): Extract<V2MarshalResult, { ok: true }> {
  const marshalled = marshalV2Request(editorText, nextId, { notification });
  if (!marshalled.ok) throw new Error(marshalled.problem);
  return marshalled;
}

function message(event: FramedMessage | FramerError | undefined): FramedMessage {
  if (event?.kind !== 'message') throw new Error(`expected a message, got ${event?.reason}`);
  return event;
}

/** Decodes one framed answer that must be a single response. */
function single(event: FramedMessage | FramerError | undefined): V2Response {
  const decoded = decodeV2Response(message(event).text);
  if (!decoded.ok || decoded.kind !== 'single') {
    throw new Error(`expected one response, got ${JSON.stringify(decoded)}`);
  }
  return decoded.response;
}

for (const peerCase of PEERS) {
  test.describe(`interop: ${peerCase.name}`, () => {
    let peer: Peer;
    let client: FramedClient;

    test.beforeEach(async () => {
      peer = await peerCase.start();
      client = await FramedClient.connect(peer.port, peerCase.framing);
    });

    test.afterEach(async () => {
      client.close();
      await peer.close();
    });

    test('a call is answered with its result, matched by id', async () => {
      const call = marshal('{"method":"add","params":{"a":2,"b":40}}', autoIds());
      expect(call.text).toBe('{"jsonrpc":"2.0","method":"add","params":{"a":2,"b":40},"id":0}\n');
      client.send(call.text);
      const [answer] = await client.waitFor(1);
      const response = single(answer);
      expect(response).toMatchObject({ kind: 'success', idText: '0', resultText: '42' });
      expect(response.canonicalId).toBe(call.calls[0]?.canonicalId);
    });

    test('an error object keeps its code, message and data; a standard code is explained', async () => {
      const nextId = autoIds();
      client.send(
        marshal('{"method":"fail","params":{"why":"on purpose"}}', nextId).text,
        marshal('{"method":"no.such.method"}', nextId).text,
      );
      const answers = (await client.waitFor(2)).map(single);
      const byId = new Map(answers.map((response) => [response.idText, response]));
      expect(byId.get('0')).toMatchObject({
        kind: 'error',
        error: { code: FAIL_CODE, message: FAIL_MESSAGE, data: { why: 'on purpose' } },
        meaning: `${FAIL_CODE} is an application-defined error.`,
      });
      expect(byId.get('1')).toMatchObject({
        kind: 'error',
        error: { code: -32601 },
        meaning: expect.stringContaining('-32601 Method not found'),
      });
    });

    test('a notification gets no answer, yet the peer received it', async () => {
      const nextId = autoIds();
      const note = marshal('{"method":"note","params":{"text":"hello"}}', nextId, true);
      expect(note.calls).toEqual([
        {
          method: 'note',
          idText: null,
          canonicalId: null,
          autoId: false,
          paramsText: '{"text":"hello"}',
        },
      ]);
      const call = marshal('{"method":"echo","params":{"after":"note"}}', nextId);
      client.send(note.text, call.text);
      if (peerCase.framing === 'http') {
        // Over HTTP every POST has a response; a notification's is empty: no JSON-RPC answer.
        const [empty, answer] = await client.waitFor(2);
        expect((empty as HttpResponse).status).toBe(204);
        expect(message(empty).text).toBe('');
        expect(single(answer)).toMatchObject({
          idText: '0',
          resultText: '{\n  "after": "note"\n}',
        });
      } else {
        const [answer] = await client.waitFor(1);
        expect(single(answer).idText).toBe('0');
        // A late answer to the note would land before the answer to a later call.
        client.send(marshal('{"method":"add","params":{"a":0,"b":0}}', nextId).text);
        const [, later] = await client.waitFor(2);
        expect(single(later).idText).toBe('1');
      }
      expect(peer.notes).toEqual(['hello']);
    });

    test('answers overtake each other and are matched by id', async () => {
      test.skip(!peerCase.overtaking, 'HTTP/1.1 answers pipelined requests in order');
      const nextId = autoIds();
      const slow = marshal('{"method":"sleep","params":{"ms":300}}', nextId);
      const fast = marshal('{"method":"add","params":{"a":1,"b":1}}', nextId);
      client.send(slow.text, fast.text);
      const [first, second] = (await client.waitFor(2)).map(single);
      expect(first).toMatchObject({ canonicalId: fast.calls[0]?.canonicalId, resultText: '2' });
      expect(second).toMatchObject({ canonicalId: slow.calls[0]?.canonicalId, resultText: '300' });
    });

    test('a batch is answered element by element, the notification left out', async () => {
      test.skip(!peerCase.batches, 'vscode-jsonrpc, like LSP 3.17, has no batches');
      const batch = marshal(
        `[{"method":"add","params":{"a":20,"b":22},"id":7},
          {"method":"note","params":{"text":"in a batch"}},
          {"method":"fail","params":{"why":"element 2"},"id":"f"},
          {"method":"echo","params":["x"],"id":"e"},
          {"method":"missing","id":9}]`,
        autoIds(),
        true,
      );
      expect(batch.batch).toBe(true);
      client.send(batch.text);
      const decoded = decodeV2Response(message((await client.waitFor(1))[0]).text);
      if (!decoded.ok || decoded.kind !== 'batch') throw new Error(JSON.stringify(decoded));
      const answers = new Map(
        decoded.items.map((item) => {
          if (!item.ok) throw new Error(item.problem);
          return [item.response.canonicalId, item.response];
        }),
      );
      const expected: Array<[string | null, Partial<V2Response>]> = [
        ['7', { kind: 'success', resultText: '42' }],
        [null, {}],
        ['f', { kind: 'error' }],
        ['e', { kind: 'success', resultText: '[\n  "x"\n]' }],
        ['9', { kind: 'error' }],
      ];
      expect(batch.calls.map((call) => call.idText === null)).toEqual(
        expected.map(([id]) => id === null),
      );
      for (const [index, call] of batch.calls.entries()) {
        if (call.canonicalId === null) continue;
        expect(answers.get(call.canonicalId), `element ${index}`).toMatchObject(
          expected[index]?.[1] ?? {},
        );
      }
      expect(answers.size).toBe(4);
      expect(peer.notes).toEqual(['in a batch']);
    });

    test('keeps the connection for more calls after answering', async () => {
      const nextId = autoIds();
      for (let round = 0; round < 3; round++) {
        client.send(marshal(`{"method":"add","params":{"a":${round},"b":10}}`, nextId).text);
        const events = await client.waitFor(round + 1);
        expect(single(events[round])).toMatchObject({
          idText: String(round),
          resultText: String(round + 10),
        });
      }
      expect(client.closed).toBe(false);
    });
  });
}

test.describe('interop: json-rpc-2.0 over HTTP, keep-alive', () => {
  test('pipelined requests on one connection are answered in order, each kept alive', async () => {
    const peer = await startJsonRpc2HttpPeer();
    const client = await FramedClient.connect(peer.port, 'http');
    try {
      const nextId = autoIds();
      const calls = [
        marshal('{"method":"sleep","params":{"ms":120}}', nextId),
        marshal('{"method":"add","params":{"a":3,"b":4}}', nextId),
        marshal('{"method":"echo","params":{"third":true}}', nextId),
      ];
      client.send(...calls.map((call) => call.text));
      const answers = (await client.waitFor(3)) as HttpResponse[];
      expect(answers.map((answer) => [answer.status, answer.keepAlive])).toEqual([
        [200, true],
        [200, true],
        [200, true],
      ]);
      expect(answers.map((answer) => single(answer).canonicalId)).toEqual(
        calls.map((call) => call.calls[0]?.canonicalId),
      );
      expect(single(answers[0])).toMatchObject({ resultText: '120' });
      // Offsets are the wire's: each response starts where the previous one ended.
      expect(answers[1]?.start).toBe(answers[0]?.end);
      expect(answers[2]?.start).toBe(answers[1]?.end);
    } finally {
      client.close();
      await peer.close();
    }
  });
});

test.describe('interop: bad peers, as our framers see them', () => {
  const CASES: Array<{ kind: BadPeerKind; framing: PeerFraming; expectError: string | null }> = [
    { kind: 'garbage', framing: 'ndjson', expectError: 'not-json' },
    { kind: 'truncated', framing: 'ndjson', expectError: 'truncated' },
    { kind: 'length-too-long', framing: 'content-length', expectError: 'truncated' },
    { kind: 'length-too-short', framing: 'content-length', expectError: 'length-mismatch' },
    { kind: 'http-no-body', framing: 'http', expectError: null },
  ];
  for (const { kind, framing, expectError } of CASES) {
    test(`${kind} (${framing})`, async () => {
      const peer = await startBadPeer(kind);
      const client = await FramedClient.connect(peer.port, framing);
      try {
        client.send(marshal('{"method":"add","params":{"a":1,"b":2}}', autoIds()).text);
        const [first] = await client.waitFor(1);
        if (expectError === null) {
          // Framed fine, but the body is no JSON-RPC answer: the codec says so.
          const decoded = decodeV2Response(message(first).text);
          expect(decoded.ok).toBe(false);
        } else {
          expect(first?.kind).toBe('error');
          expect((first as FramerError).code).toBe(expectError);
        }
      } finally {
        client.close();
        await peer.close();
      }
    });
  }
});

/**
 * The same peers through the page's client stub: ConnectionSession is pure
 * (bytes in, outcomes out), so a Node socket stands in for the bridge.
 */
class SessionClient {
  readonly outcomes: ReplyOutcome[] = [];
  private keys = 0;

  private constructor(
    private readonly socket: Socket,
    readonly session: ConnectionSession,
  ) {
    socket.on('data', (chunk: Buffer) => {
      this.outcomes.push(...session.receive(new Uint8Array(chunk), Date.now()));
    });
    socket.on('error', () => {});
  }

  static connect(port: number, framing: FramingName): Promise<SessionClient> {
    const session = new ConnectionSession(1, () => Date.now(), undefined, {
      framing,
      dialect: 'v2',
      target: { host: '127.0.0.1', port, path: '/' },
    });
    return new Promise((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port, noDelay: true });
      socket.once('error', reject);
      socket.once('connect', () => resolve(new SessionClient(socket, session)));
    });
  }

  /** Marshals each editor text and writes all of them in one write. */
  send(...editorTexts: string[]): MarshalledWrite[] {
    const writes = editorTexts.map((text) => {
      const write = this.session.marshal(text, () => `call-${this.keys++}`);
      if ('problem' in write) throw new Error(write.problem);
      return write;
    });
    this.socket.write(Buffer.concat(writes.map((write) => write.bytes)));
    return writes;
  }

  async waitFor(count: number): Promise<ReplyOutcome[]> {
    const deadline = Date.now() + 5_000;
    while (this.outcomes.length < count) {
      if (Date.now() > deadline) {
        throw new Error(`waited for ${count} outcomes, got ${JSON.stringify(this.outcomes)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return this.outcomes.slice(0, count);
  }

  close(): void {
    this.socket.destroy();
  }
}

function answer(outcome: ReplyOutcome | undefined): Extract<ReplyOutcome, { kind: 'answer' }> {
  if (outcome?.kind !== 'answer')
    throw new Error(`expected an answer, got ${JSON.stringify(outcome)}`);
  return outcome;
}

const FRAMING_OF: Record<PeerFraming, FramingName> = {
  ndjson: 'ndjson',
  'content-length': 'content-length',
  http: 'http',
};

for (const peerCase of PEERS) {
  test.describe(`interop through ConnectionSession: ${peerCase.name}`, () => {
    let peer: Peer;
    let client: SessionClient;

    test.beforeEach(async () => {
      peer = await peerCase.start();
      client = await SessionClient.connect(peer.port, FRAMING_OF[peerCase.framing]);
    });

    test.afterEach(async () => {
      client.close();
      await peer.close();
    });

    test('a call, an error object and a notification, each where it belongs', async () => {
      const [call, failing, note] = client.send(
        '{"method":"add","params":{"a":2,"b":40},"id":1}',
        '{"method":"fail","params":{"why":"session"},"id":"two"}',
        '{"method":"note","params":{"text":"via session"}}',
      );
      expect(note?.calls[0]).toMatchObject({ notification: true });
      const answers = (await client.waitFor(2)).map(answer);
      const byKey = new Map(answers.map((a) => [a.key, a]));
      expect(byKey.get(call?.calls[0]?.key ?? '')).toMatchObject({ resultText: '42', error: null });
      expect(byKey.get(failing?.calls[0]?.key ?? '')).toMatchObject({
        resultText: null,
        errorObject: {
          code: FAIL_CODE,
          message: FAIL_MESSAGE,
          meaning: `${FAIL_CODE} is an application-defined error.`,
        },
      });
      expect(
        JSON.parse(byKey.get(failing?.calls[0]?.key ?? '')?.errorObject?.dataText ?? 'null'),
      ).toMatchObject({ why: 'session' });
      // Another call after the note: its answer comes with nothing about the note before it.
      const [later] = client.send('{"method":"echo","params":{"n":3},"id":3}');
      const outcomes = await client.waitFor(3);
      expect(answer(outcomes[2]).key).toBe(later?.calls[0]?.key);
      expect(peer.notes).toEqual(['via session']);
    });

    test('answers overtaking each other are matched by id', async () => {
      test.skip(!peerCase.overtaking, 'HTTP/1.1 answers pipelined requests in order');
      const [slow, fast] = client.send(
        '{"method":"sleep","params":{"ms":300},"id":0}',
        '{"method":"add","params":{"a":1,"b":1},"id":1}',
      );
      const [first, second] = (await client.waitFor(2)).map(answer);
      expect([first?.key, first?.replyOrder, first?.resultText]).toEqual([
        fast?.calls[0]?.key,
        1,
        '2',
      ]);
      expect([second?.key, second?.replyOrder, second?.resultText]).toEqual([
        slow?.calls[0]?.key,
        2,
        '300',
      ]);
    });

    test('a batch: each element answered on its own key, the notification not awaited', async () => {
      test.skip(!peerCase.batches, 'vscode-jsonrpc, like LSP 3.17, has no batches');
      const [batch] = client.send(
        '[{"method":"add","params":{"a":5,"b":6},"id":10},{"method":"note","params":{"text":"b"}},{"method":"missing","id":11},{"method":"echo","params":["e"],"id":"e"}]',
      );
      const calls = batch?.calls ?? [];
      expect(calls.map((c) => c.notification)).toEqual([false, true, false, false]);
      const answers = new Map((await client.waitFor(3)).map(answer).map((a) => [a.key, a]));
      expect(answers.get(calls[0]?.key ?? '')).toMatchObject({ resultText: '11' });
      expect(answers.get(calls[2]?.key ?? '')?.errorObject?.code).toBe(-32601);
      expect(answers.get(calls[3]?.key ?? '')).toMatchObject({ resultText: '[\n  "e"\n]' });
      expect(peer.notes).toEqual(['b']);
    });
  });
}

test.describe('interop through ConnectionSession: bad peers', () => {
  test('garbage is a framing-error stray; the call stays pending', async () => {
    const peer = await startBadPeer('garbage');
    const client = await SessionClient.connect(peer.port, 'ndjson');
    try {
      client.send('{"method":"add","params":{"a":1,"b":2},"id":1}');
      const [first] = await client.waitFor(1);
      expect(first).toMatchObject({ kind: 'stray', stray: { kind: 'framing-error' } });
      expect(client.outcomes.some((o) => o.kind === 'answer' || o.kind === 'failed')).toBe(false);
    } finally {
      client.close();
      await peer.close();
    }
  });

  test('an HTTP response with no body fails the call it was for, with the reason', async () => {
    const peer = await startBadPeer('http-no-body');
    const client = await SessionClient.connect(peer.port, 'http');
    try {
      const [write] = client.send('{"method":"add","params":{"a":1,"b":2},"id":1}');
      const [stray, failed] = await client.waitFor(2);
      expect(stray).toMatchObject({ kind: 'stray', stray: { kind: 'undecodable' } });
      expect(failed).toMatchObject({ kind: 'failed', keys: [write?.calls[0]?.key] });
    } finally {
      client.close();
      await peer.close();
    }
  });
});

test.describe('interop through the page', () => {
  async function typeRequest(page: Page, json: string): Promise<void> {
    await page.getByRole('textbox', { name: 'Request' }).click({ force: true });
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(json);
  }

  test('the json-rpc-2.0 TCP peer answers a call and a batch sent from Chromium', async ({
    page,
    app,
  }) => {
    const peer = await startJsonRpc2TcpPeer();
    try {
      await page.goto(app.url);
      await expect(page.getByRole('status')).toContainText('Bridge: open');
      await page.getByRole('textbox', { name: 'Target' }).fill(`127.0.0.1:${peer.port}`);
      await page.getByRole('combobox', { name: 'Framing' }).selectOption('ndjson');
      await page.getByRole('combobox', { name: 'Dialect' }).selectOption('v2');
      await page.getByRole('button', { name: 'Connect', exact: true }).click();
      await expect(page.getByRole('status')).toContainText('Target: connected');

      const calls = page.getByRole('list', { name: 'Calls' }).getByRole('listitem');
      const response = page.getByRole('region', { name: 'Response' });
      await typeRequest(page, '{"jsonrpc":"2.0","method":"add","params":{"a":20,"b":22},"id":1}');
      await page.getByRole('button', { name: 'Send', exact: true }).click();
      await expect(calls.first()).toContainText('answered');
      await expect(response.getByText('42', { exact: true })).toBeVisible();

      await typeRequest(
        page,
        '[{"method":"add","params":{"a":1,"b":2},"id":"x"},{"method":"note","params":{"text":"page"}},{"method":"fail","params":{"why":"page"},"id":"y"}]',
      );
      await page.getByRole('button', { name: 'Send', exact: true }).click();
      await expect(calls).toHaveCount(4);
      await expect.poll(() => peer.notes).toEqual(['page']);
      await expect(calls.filter({ hasText: 'answered' })).toHaveCount(2);
      await expect(calls.filter({ hasText: 'id none' })).toContainText('notified');
      await expect(calls.filter({ hasText: 'id "y"' })).toContainText('error');
    } finally {
      await peer.close();
    }
  });
});
