import type { FramingName } from '../../../shared/framing/framer';
import type { Target } from '../../../shared/protocol/bridge-protocol';
import type { DialectName } from './dialects';
import { parseTargetAddress } from './target-address';

export type GuessReason = 'demo' | 'demo2' | 'demoGob' | 'http-port' | 'default';

export type ProtocolGuess = { framing: FramingName; dialect: DialectName; reason: GuessReason };

/** Ports where a JSON-RPC server is most likely an HTTP one. */
export const HTTP_PORTS: ReadonlySet<number> = new Set([80, 8080, 8000, 3000]);

const LOOPBACK_NAMES: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '::1']);

/** Same host and port, taking the loopback names for one another. */
function isTarget(host: string, port: number, target: Target | null): boolean {
  if (target === null || target.port !== port) return false;
  if (target.host === host) return true;
  return LOOPBACK_NAMES.has(target.host) && LOOPBACK_NAMES.has(host);
}

/**
 * What a target most likely speaks, from its address alone: the embedded
 * demos are known; a web port suggests JSON-RPC 2.0 over HTTP; anything else
 * is taken for Go's net/rpc/jsonrpc, the server this playground is built around.
 */
export function guessProtocol(
  targetText: string,
  demo: Target | null,
  demo2: Target | null,
  demoGob: Target | null = null,
): ProtocolGuess {
  const target = parseTargetAddress(targetText);
  if (!('problem' in target)) {
    if (isTarget(target.host, target.port, demoGob)) {
      return { framing: 'gob', dialect: 'gob', reason: 'demoGob' };
    }
    if (isTarget(target.host, target.port, demo2)) {
      return { framing: 'ndjson', dialect: 'v2', reason: 'demo2' };
    }
    if (isTarget(target.host, target.port, demo)) {
      return { framing: 'json-stream', dialect: 'go', reason: 'demo' };
    }
    if (HTTP_PORTS.has(target.port)) return { framing: 'http', dialect: 'v2', reason: 'http-port' };
  }
  return { framing: 'json-stream', dialect: 'go', reason: 'default' };
}

export type ProtocolSettings = {
  targetText: string;
  demo: Target | null;
  demo2: Target | null;
  demoGob?: Target | null;
  framingChoice: FramingName | null;
  dialectChoice: DialectName | null;
};

/** What Connect will speak: the person's choice where there is one, the guess otherwise. */
export function chosenProtocol(settings: ProtocolSettings): {
  framing: FramingName;
  dialect: DialectName;
  guess: ProtocolGuess;
} {
  const guess = guessProtocol(
    settings.targetText,
    settings.demo,
    settings.demo2,
    settings.demoGob ?? null,
  );
  return {
    framing: settings.framingChoice ?? guess.framing,
    dialect: settings.dialectChoice ?? guess.dialect,
    guess,
  };
}
