import type { FramingName } from '../../../shared/framing/framer';
import { GO_RPC_PATH } from '../../../shared/framing/gob';
import { DIALECT_NAMES, type DialectName, isGobFraming } from '../client-stub/dialects';
import { FRAMING_NAMES } from '../client-stub/wire-framing';

/** The person's framing, dialect and paths, kept across reloads (the guess is not stored). */
export type ProtocolChoice = {
  framingChoice: FramingName | null;
  dialectChoice: DialectName | null;
  httpPath: string;
  /** Where gob over HTTP CONNECTs: Go's `/_goRPC_` unless the server used `HandleHTTP(path, …)`. */
  connectPath: string;
};

export const PROTOCOL_CHOICE_KEY = 'rpc-playground.connection.protocol';
export const NO_CHOICE: ProtocolChoice = {
  framingChoice: null,
  dialectChoice: null,
  httpPath: '/',
  connectPath: GO_RPC_PATH,
};

export type ChoiceStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** What was stored, member by member; anything unreadable (another version, garbage) is no choice. */
export function readProtocolChoice(storage: ChoiceStorage | null): ProtocolChoice {
  let stored: unknown;
  try {
    stored = JSON.parse(storage?.getItem(PROTOCOL_CHOICE_KEY) ?? 'null');
  } catch {
    return NO_CHOICE;
  }
  if (typeof stored !== 'object' || stored === null) return NO_CHOICE;
  const { framingChoice, dialectChoice, httpPath, connectPath } = stored as Record<string, unknown>;
  return {
    framingChoice: FRAMING_NAMES.find((name) => name === framingChoice) ?? null,
    dialectChoice: DIALECT_NAMES.find((name) => name === dialectChoice) ?? null,
    httpPath: typeof httpPath === 'string' ? httpPath : '/',
    connectPath: typeof connectPath === 'string' ? connectPath : GO_RPC_PATH,
  };
}

/** Best effort: a full or disabled storage keeps the choice in memory only. */
export function writeProtocolChoice(storage: ChoiceStorage | null, choice: ProtocolChoice): void {
  try {
    storage?.setItem(PROTOCOL_CHOICE_KEY, JSON.stringify(choice));
  } catch {
    // Persistence is best effort; the choice holds for this page.
  }
}

type Pair = Pick<ProtocolChoice, 'framingChoice' | 'dialectChoice'>;

/**
 * Gob has its own framings and they carry nothing else, so picking one side
 * of that pair picks the other: a gob framing chooses the gob dialect, and
 * leaving gob hands the other side back to the guess.
 */
export function withFraming(choice: Pair, framingChoice: FramingName | null): Pair {
  const gob = framingChoice !== null && isGobFraming(framingChoice);
  if (gob) return { framingChoice, dialectChoice: 'gob' };
  return {
    framingChoice,
    dialectChoice: choice.dialectChoice === 'gob' ? null : choice.dialectChoice,
  };
}

export function withDialect(choice: Pair, dialectChoice: DialectName | null): Pair {
  const framing = choice.framingChoice;
  const gobFraming = framing !== null && isGobFraming(framing);
  if (dialectChoice === 'gob')
    return { dialectChoice, framingChoice: gobFraming ? framing : 'gob' };
  return { dialectChoice, framingChoice: gobFraming ? null : framing };
}
