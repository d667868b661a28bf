import { describe, expect, it } from 'vitest';
import { createConnectionStore } from './connection-store';
import { NO_CHOICE, PROTOCOL_CHOICE_KEY, readProtocolChoice } from './protocol-choice';

function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => {
      items.set(key, value);
    },
  };
}

describe('the framing and dialect choice, remembered', () => {
  it('survives a new connection store on the same storage (a reload)', () => {
    const storage = memoryStorage();
    const first = createConnectionStore(storage);
    first.getState().chooseFraming('http');
    first.getState().chooseDialect('v2');
    first.getState().setHttpPath('/rpc');
    expect(createConnectionStore(storage).getState()).toMatchObject({
      framingChoice: 'http',
      dialectChoice: 'v2',
      httpPath: '/rpc',
    });
  });

  it('forgets the choice when the person goes back to the guess', () => {
    const storage = memoryStorage();
    const store = createConnectionStore(storage);
    store.getState().chooseFraming('ndjson');
    store.getState().chooseFraming(null);
    expect(createConnectionStore(storage).getState().framingChoice).toBeNull();
  });

  it('reads garbage, unknown names and a throwing storage as no choice', () => {
    for (const text of ['{', '42', '{"framingChoice":"smoke","dialectChoice":3}']) {
      expect(readProtocolChoice(memoryStorage({ [PROTOCOL_CHOICE_KEY]: text }))).toEqual(NO_CHOICE);
    }
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('full');
      },
    };
    const store = createConnectionStore(broken);
    expect(() => store.getState().chooseDialect('go')).not.toThrow();
    expect(store.getState().dialectChoice).toBe('go');
  });
});

describe('gob and its framings go together', () => {
  it('a gob framing picks the gob dialect; another framing hands the dialect back to the guess', () => {
    const store = createConnectionStore(memoryStorage());
    store.getState().chooseDialect('v2');
    store.getState().chooseFraming('gob-http');
    expect(store.getState()).toMatchObject({ framingChoice: 'gob-http', dialectChoice: 'gob' });
    store.getState().chooseFraming('ndjson');
    expect(store.getState()).toMatchObject({ framingChoice: 'ndjson', dialectChoice: null });
  });

  it('the gob dialect picks the gob framing (keeping gob-http); another dialect hands a gob framing back', () => {
    const store = createConnectionStore(memoryStorage());
    store.getState().chooseFraming('http');
    store.getState().chooseDialect('gob');
    expect(store.getState()).toMatchObject({ framingChoice: 'gob', dialectChoice: 'gob' });
    store.getState().chooseFraming('gob-http');
    store.getState().chooseDialect('gob');
    expect(store.getState()).toMatchObject({ framingChoice: 'gob-http', dialectChoice: 'gob' });
    store.getState().chooseDialect('go');
    expect(store.getState()).toMatchObject({ framingChoice: null, dialectChoice: 'go' });
    // "Use the guess" clears both, as before.
    store.getState().chooseFraming('json-stream');
    store.getState().chooseDialect(null);
    expect(store.getState()).toMatchObject({ framingChoice: 'json-stream', dialectChoice: null });
  });
});

describe('the CONNECT path of gob over HTTP', () => {
  it("is Go's /_goRPC_ until changed, and remembered apart from the HTTP path", () => {
    const storage = memoryStorage();
    const first = createConnectionStore(storage);
    expect(first.getState().connectPath).toBe('/_goRPC_');
    first.getState().setConnectPath('/rpc/v1');
    first.getState().setHttpPath('/jsonrpc');
    const again = createConnectionStore(storage);
    expect(again.getState()).toMatchObject({ connectPath: '/rpc/v1', httpPath: '/jsonrpc' });
  });
});
