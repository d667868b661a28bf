import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stubHarness } from '../client-stub/stub-harness';
import { MAX_KEPT_CALLS } from '../stores/calls-store';
import { EXPORTED_IN_FLIGHT_REASON } from '../stores/failure-sentences';
import { createPredictionStore } from '../stores/prediction-store';
import { createWireStore } from '../stores/wire-store';
import { createWireRecorder } from '../wire/wire-recorder';
import { exportSession, openSession } from './open-session';
import { SessionFileError } from './read-fields';
import { readSession, SESSION_FORMAT, type Session, writeSession } from './session-file';

const CLOCK = { offsetMs: 1_700_000_000_000, uncertaintyMs: 0.25, samples: 4, measuredAt: 3 };
const ADD = '{"method":"ServiceA.Add","params":[{"X":1,"Y":2}]}';

/** A page that sent two calls to a Go server: the first answered in two chunks, the second in flight. */
function recordedPage() {
  const wire = createWireStore();
  const page = stubHarness({ text: ADD, wire: createWireRecorder(wire) });
  page.connection.getState().setClock(CLOCK);
  const conn = page.connect();
  page.stub.send();
  page.stub.send();
  page.socket.serverSends({ type: 'written', conn, writeId: 1, at: CLOCK.offsetMs + 1 });
  page.serverSends(conn, '{"id":0,"result":3,', CLOCK.offsetMs + 2);
  page.serverSends(conn, '"error":null}\n', CLOCK.offsetMs + 2.5);
  return { ...page, wire, conn };
}

/** A fresh page, its stores and stub, to open a session on. */
function freshPage() {
  const wire = createWireStore();
  const prediction = createPredictionStore(() => 0);
  return { ...stubHarness({ text: '{}', wire: createWireRecorder(wire) }), wire, prediction };
}

function exported(): { text: string; session: Session } {
  const page = recordedPage();
  const { text } = exportSession(page, new Date('2026-12-01T21:52:03.456Z'));
  return { text, session: readSession(text) };
}

type Path = ReadonlyArray<string | number>;

/** The exported file's JSON with the member at `path` set to `value`, or removed for undefined. */
function edited(path: Path, value: unknown, text = exported().text): string {
  const file: unknown = JSON.parse(text);
  let parent = file as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path.at(-1) as string | number;
  if (value === undefined) delete parent[last];
  else parent[last] = value;
  return JSON.stringify(file);
}

const problemOf = (text: string): string => {
  try {
    readSession(text);
  } catch (error) {
    if (error instanceof SessionFileError) return error.message;
    throw error;
  }
  throw new Error('read without a problem');
};

describe('session files', () => {
  it('hold every call with the page’s clock, the bytes as read, the target and the request', () => {
    const page = recordedPage();
    const { name, text } = exportSession(page, new Date('2026-12-01T21:52:03.456Z'));
    expect(name).toBe('rpc-session-2026-12-01T21-52-03Z.json');
    const file = JSON.parse(text);
    expect(file).toMatchObject({ format: SESSION_FORMAT, version: 1, request: ADD });
    const session = readSession(text);
    expect(session.calls.map((call) => [call.status, call.resultText, call.clock])).toEqual([
      ['answered', '3', CLOCK],
      ['pending', null, CLOCK],
    ]);
    expect(session.targetText).toBe('127.0.0.1:7421');
    const received = session.chunks.filter((chunk) => chunk.direction === 'received');
    expect(received.map((chunk) => [new TextDecoder().decode(chunk.bytes), chunk.at])).toEqual([
      ['{"id":0,"result":3,', CLOCK.offsetMs + 2],
      ['"error":null}\n', CLOCK.offsetMs + 2.5],
    ]);
    expect(file.wire.chunks[2].bytes).toBe(btoa('{"id":0,"result":3,'));
    // What was read is what is written again: nothing lost or changed on the way.
    expect(readSession(writeSession(session))).toEqual(session);
  });

  it('open on a fresh page as recorded, with conns and keys of their own, a call in flight failed', () => {
    const { session } = exported();
    const page = freshPage();
    const live = page.connect();
    page.stub.send();
    page.prediction.getState().predict('0', []);
    openSession(page, session);
    expect(page.prediction.getState().prediction).toBeNull();
    // The page asked the bridge to close its connection; the bridge says it did.
    expect(page.socket.sentControl().at(-1)).toMatchObject({ type: 'close', conn: live });
    page.socket.serverSends({
      type: 'closed',
      conn: live,
      by: 'page',
      kind: 'requested',
      reason: 'the page closed the connection',
      at: 5,
    });
    expect(page.connection.getState().targetStatus).toBe('disconnected');
    const calls = page.calls.getState().calls;
    expect(calls.map((call) => [call.key, call.conn, call.status])).toEqual([
      ['r1', 2, 'answered'],
      ['r2', 2, 'failed'],
    ]);
    expect(calls[1]?.failure).toBe(EXPORTED_IN_FLIGHT_REASON);
    expect(calls[0]?.stamps).toEqual(session.calls[0]?.stamps);
    expect(page.calls.getState().selectedKey).toBe('r2');
    const wire = page.wire.getState();
    expect(wire.chunks.map((chunk) => [chunk.conn, chunk.direction, chunk.bytes.length])).toEqual(
      session.chunks.map((chunk) => [2, chunk.direction, chunk.bytes.length]),
    );
    expect(wire.messages.map((message) => message.callKey)).toEqual(['r1', 'r2', 'r1']);
    expect(page.composer.getState().text).toBe(ADD);

    // The next connection is a new conn: nothing of it lands on the session's streams.
    expect(page.connect()).toBe(3);
  });

  it('keep what a failed call suggests trying, for the page to word in its language', () => {
    const failed = { status: 'failed', failureCause: 'timeout', failureHint: 'try-gob' };
    const text = edited(['calls', 1], { ...JSON.parse(exported().text).calls[1], ...failed });
    expect(readSession(text).calls[1]).toMatchObject(failed);
  });

  it('refuse, saying what and where, anything but a session this page reads', () => {
    expect(problemOf('hello')).toBe('the file is not JSON, so it is not a session file');
    expect(problemOf('{"calls":[]}')).toContain('is JSON but not a session file');
    expect(problemOf(edited(['version'], 2))).toContain(
      'version 2, newer than this page reads (1)',
    );
    expect(problemOf(edited(['version'], undefined))).toContain('has no version this page reads');
    expect(problemOf(edited(['calls', 1, 'stamps', 'invokedAt'], '3'))).toBe(
      'calls[1].stamps.invokedAt is not a number',
    );
    expect(problemOf(edited(['calls', 0, 'status'], 'lost'))).toBe(
      'calls[0].status is not one of pending, answered, error, failed, notified',
    );
    expect(problemOf(edited(['calls', 1, 'failureHint'], 'try-soap'))).toBe(
      'calls[1].failureHint is not one of try-gob, try-jsonrpc',
    );
    expect(problemOf(edited(['wire', 'chunks', 0, 'bytes'], 'e30K!'))).toBe(
      'wire.chunks[0].bytes is not base64',
    );
    expect(problemOf(edited(['calls', 1, 'key'], 'c1'))).toBe(
      'calls[1].key is "c1", as calls[0].key is',
    );
    expect(problemOf(edited(['wire', 'chunks', 3, 'streamOffset'], 3))).toBe(
      'wire.chunks[3].streamOffset is 3, inside bytes conn 1 already received (up to 19)',
    );
    const call: unknown = JSON.parse(exported().text).calls[0];
    const many = Array.from({ length: MAX_KEPT_CALLS + 1 }, (_, i) => ({
      ...(call as object),
      key: `k${i}`,
    }));
    expect(problemOf(edited(['calls'], many))).toBe(
      `the file holds ${MAX_KEPT_CALLS + 1} calls, more than a page keeps (${MAX_KEPT_CALLS})`,
    );
  });

  it('refuse anything else with a SessionFileError, never another error', () => {
    const { text } = exported();
    const leaves: Array<[path: Path, value: unknown]> = [];
    const walk = (value: unknown, path: Path) => {
      if (typeof value !== 'object' || value === null) leaves.push([path, value]);
      else for (const [key, inner] of Object.entries(value)) walk(inner, [...path, key]);
    };
    walk(JSON.parse(text), []);
    fc.assert(
      fc.property(
        fc.nat(leaves.length - 1),
        fc.jsonValue({ maxDepth: 2 }),
        fc.boolean(),
        (index, value, remove) => {
          const [path] = leaves[index] as [Path, unknown];
          try {
            readSession(edited(path, remove ? undefined : value, text));
          } catch (error) {
            expect(error).toBeInstanceOf(SessionFileError);
          }
        },
      ),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.string(), (garbage) => {
        expect(() => readSession(garbage)).toThrow(SessionFileError);
      }),
    );
  });
});
