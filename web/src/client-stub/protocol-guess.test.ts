import { describe, expect, it } from 'vitest';
import { chosenProtocol, guessProtocol } from './protocol-guess';

const DEMO = { host: '127.0.0.1', port: 7421 };
const DEMO2 = { host: '127.0.0.1', port: 7422 };

describe('guessProtocol', () => {
  it("takes the demo's address for Go over a JSON stream", () => {
    expect(guessProtocol('127.0.0.1:7421', DEMO, DEMO2)).toEqual({
      framing: 'json-stream',
      dialect: 'go',
      reason: 'demo',
    });
  });

  it("takes demo2's address for JSON-RPC 2.0 over newline-delimited JSON, loopback names alike", () => {
    for (const text of ['127.0.0.1:7422', 'localhost:7422', ' [::1]:7422 ']) {
      expect(guessProtocol(text, DEMO, DEMO2)).toEqual({
        framing: 'ndjson',
        dialect: 'v2',
        reason: 'demo2',
      });
    }
  });

  it('takes the web ports for JSON-RPC 2.0 over HTTP', () => {
    for (const port of [80, 8080, 8000, 3000]) {
      expect(guessProtocol(`127.0.0.1:${port}`, DEMO, DEMO2)).toEqual({
        framing: 'http',
        dialect: 'v2',
        reason: 'http-port',
      });
    }
  });

  it('falls back to Go over a JSON stream for anything else, mistyped targets included', () => {
    for (const text of ['127.0.0.1:9000', '10.0.0.5:7422', 'nonsense', '']) {
      expect(guessProtocol(text, DEMO, DEMO2)).toEqual({
        framing: 'json-stream',
        dialect: 'go',
        reason: 'default',
      });
    }
  });

  it('knows no demo when the bridge runs none', () => {
    expect(guessProtocol('127.0.0.1:7422', null, null).reason).toBe('default');
  });
});

describe('chosenProtocol', () => {
  const settings = {
    targetText: '127.0.0.1:7422',
    demo: DEMO,
    demo2: DEMO2,
    framingChoice: null,
    dialectChoice: null,
  };

  it('follows the guess until the person chooses', () => {
    expect(chosenProtocol(settings)).toMatchObject({ framing: 'ndjson', dialect: 'v2' });
  });

  it("lets the person's choice override each half of the guess on its own", () => {
    expect(chosenProtocol({ ...settings, framingChoice: 'content-length' })).toMatchObject({
      framing: 'content-length',
      dialect: 'v2',
      guess: { framing: 'ndjson', reason: 'demo2' },
    });
    expect(chosenProtocol({ ...settings, dialectChoice: 'go' })).toMatchObject({
      framing: 'ndjson',
      dialect: 'go',
    });
  });
});
