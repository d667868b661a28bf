/**
 * Splits a byte stream into JSON values exactly where Go's json.Decoder does,
 * pushed chunk by chunk, no I/O. A port of encoding/json's scanner (Go 1.19):
 * the same states, the same 10000-deep nesting limit, and the same quirk that
 * a top-level number, string or literal ends only at the byte after it (or EOF),
 * while an object or array ends at its closing bracket.
 */

export type StreamItem =
  /** One complete value; `bytes` may start with whitespace. */
  | { type: 'value'; bytes: Uint8Array }
  /** The buffered bytes do not finish a value yet. */
  | { type: 'need-more' }
  /** A syntax error, or EOF inside a value: Go's Decode fails and stays failed. */
  | { type: 'error' }
  /** EOF between values. */
  | { type: 'eof' };

const MAX_NESTING_DEPTH = 10000;

enum Op {
  Continue,
  BeginLiteral,
  BeginObject,
  ObjectKey,
  ObjectValue,
  EndObject,
  BeginArray,
  ArrayValue,
  EndArray,
  SkipSpace,
  End,
  Error,
}

enum State {
  BeginValueOrEmpty,
  BeginValue,
  BeginStringOrEmpty,
  BeginString,
  EndValue,
  EndTop,
  InString,
  InStringEsc,
  InStringEscU,
  InStringEscU1,
  InStringEscU12,
  InStringEscU123,
  Neg,
  One,
  Zero,
  Dot,
  Dot0,
  E,
  ESign,
  E0,
  T,
  Tr,
  Tru,
  F,
  Fa,
  Fal,
  Fals,
  N,
  Nu,
  Nul,
  Error,
}

enum Parse {
  ObjectKey,
  ObjectValue,
  ArrayValue,
}

const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isHex = (c: number): boolean =>
  isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);

/** The bytes that may follow a backslash, besides u: b f n r t \\ / ". */
const SHORT_ESCAPES: ReadonlySet<number> = new Set([
  0x62, 0x66, 0x6e, 0x72, 0x74, 0x5c, 0x2f, 0x22,
]);

/** Literal states: the byte each expects and the state it moves to. */
const LITERALS: ReadonlyMap<State, readonly [number, State]> = new Map([
  [State.T, [0x72, State.Tr]],
  [State.Tr, [0x75, State.Tru]],
  [State.Tru, [0x65, State.EndValue]],
  [State.F, [0x61, State.Fa]],
  [State.Fa, [0x6c, State.Fal]],
  [State.Fal, [0x73, State.Fals]],
  [State.Fals, [0x65, State.EndValue]],
  [State.N, [0x75, State.Nu]],
  [State.Nu, [0x6c, State.Nul]],
  [State.Nul, [0x6c, State.EndValue]],
]);

/** Go's `scanner`: one byte in, one opcode out. */
class Scanner {
  private state = State.BeginValue;
  private parseState: Parse[] = [];

  reset(): void {
    this.state = State.BeginValue;
    this.parseState = [];
  }

  get depth(): number {
    return this.parseState.length;
  }

  step(c: number): Op {
    switch (this.state) {
      case State.BeginValueOrEmpty:
        if (isSpace(c)) return Op.SkipSpace;
        if (c === 0x5d) return this.endValue(c);
        return this.beginValue(c);
      case State.BeginValue:
        return this.beginValue(c);
      case State.BeginStringOrEmpty:
        if (isSpace(c)) return Op.SkipSpace;
        if (c === 0x7d) {
          this.parseState[this.parseState.length - 1] = Parse.ObjectValue;
          return this.endValue(c);
        }
        return this.beginString(c);
      case State.BeginString:
        return this.beginString(c);
      case State.EndValue:
        return this.endValue(c);
      case State.EndTop:
        return this.endTop(c);
      case State.InString:
        if (c === 0x22) return this.to(State.EndValue, Op.Continue);
        if (c === 0x5c) return this.to(State.InStringEsc, Op.Continue);
        if (c < 0x20) return this.error();
        return Op.Continue;
      case State.InStringEsc:
        if (SHORT_ESCAPES.has(c)) {
          return this.to(State.InString, Op.Continue);
        }
        if (c === 0x75) return this.to(State.InStringEscU, Op.Continue);
        return this.error();
      case State.InStringEscU:
        return isHex(c) ? this.to(State.InStringEscU1, Op.Continue) : this.error();
      case State.InStringEscU1:
        return isHex(c) ? this.to(State.InStringEscU12, Op.Continue) : this.error();
      case State.InStringEscU12:
        return isHex(c) ? this.to(State.InStringEscU123, Op.Continue) : this.error();
      case State.InStringEscU123:
        return isHex(c) ? this.to(State.InString, Op.Continue) : this.error();
      case State.Neg:
        if (c === 0x30) return this.to(State.Zero, Op.Continue);
        if (c >= 0x31 && c <= 0x39) return this.to(State.One, Op.Continue);
        return this.error();
      case State.One:
        if (isDigit(c)) return Op.Continue;
        return this.afterZero(c);
      case State.Zero:
        return this.afterZero(c);
      case State.Dot:
        return isDigit(c) ? this.to(State.Dot0, Op.Continue) : this.error();
      case State.Dot0:
        if (isDigit(c)) return Op.Continue;
        if (c === 0x65 || c === 0x45) return this.to(State.E, Op.Continue);
        return this.endValue(c);
      case State.E:
        if (c === 0x2b || c === 0x2d) return this.to(State.ESign, Op.Continue);
        return this.eSign(c);
      case State.ESign:
        return this.eSign(c);
      case State.E0:
        return isDigit(c) ? Op.Continue : this.endValue(c);
      case State.Error:
        return Op.Error;
      default: {
        const literal = LITERALS.get(this.state);
        if (literal && c === literal[0]) return this.to(literal[1], Op.Continue);
        return this.error();
      }
    }
  }

  private to(state: State, op: Op): Op {
    this.state = state;
    return op;
  }

  private error(): Op {
    this.state = State.Error;
    return Op.Error;
  }

  private beginValue(c: number): Op {
    if (isSpace(c)) return Op.SkipSpace;
    switch (c) {
      case 0x7b:
        this.state = State.BeginStringOrEmpty;
        return this.push(Parse.ObjectKey, Op.BeginObject);
      case 0x5b:
        this.state = State.BeginValueOrEmpty;
        return this.push(Parse.ArrayValue, Op.BeginArray);
      case 0x22:
        return this.to(State.InString, Op.BeginLiteral);
      case 0x2d:
        return this.to(State.Neg, Op.BeginLiteral);
      case 0x30:
        return this.to(State.Zero, Op.BeginLiteral);
      case 0x74:
        return this.to(State.T, Op.BeginLiteral);
      case 0x66:
        return this.to(State.F, Op.BeginLiteral);
      case 0x6e:
        return this.to(State.N, Op.BeginLiteral);
    }
    if (c >= 0x31 && c <= 0x39) return this.to(State.One, Op.BeginLiteral);
    return this.error();
  }

  private beginString(c: number): Op {
    if (isSpace(c)) return Op.SkipSpace;
    if (c === 0x22) return this.to(State.InString, Op.BeginLiteral);
    return this.error();
  }

  private afterZero(c: number): Op {
    if (c === 0x2e) return this.to(State.Dot, Op.Continue);
    if (c === 0x65 || c === 0x45) return this.to(State.E, Op.Continue);
    return this.endValue(c);
  }

  private eSign(c: number): Op {
    return isDigit(c) ? this.to(State.E0, Op.Continue) : this.error();
  }

  private push(parse: Parse, op: Op): Op {
    this.parseState.push(parse);
    return this.parseState.length <= MAX_NESTING_DEPTH ? op : this.error();
  }

  private pop(): void {
    this.parseState.pop();
    this.state = this.parseState.length === 0 ? State.EndTop : State.EndValue;
  }

  private endTop(c: number): Op {
    // Go records the error for the next step but still reports the value as ended.
    if (!isSpace(c)) this.state = State.Error;
    return Op.End;
  }

  private endValue(c: number): Op {
    const n = this.parseState.length;
    if (n === 0) {
      this.state = State.EndTop;
      return this.endTop(c);
    }
    if (isSpace(c)) return this.to(State.EndValue, Op.SkipSpace);
    switch (this.parseState[n - 1]) {
      case Parse.ObjectKey:
        if (c === 0x3a) {
          this.parseState[n - 1] = Parse.ObjectValue;
          return this.to(State.BeginValue, Op.ObjectKey);
        }
        return this.error();
      case Parse.ObjectValue:
        if (c === 0x2c) {
          this.parseState[n - 1] = Parse.ObjectKey;
          return this.to(State.BeginString, Op.ObjectValue);
        }
        if (c === 0x7d) {
          this.pop();
          return Op.EndObject;
        }
        return this.error();
      default:
        if (c === 0x2c) return this.to(State.BeginValue, Op.ArrayValue);
        if (c === 0x5d) {
          this.pop();
          return Op.EndArray;
        }
        return this.error();
    }
  }
}

/** Go's json.Decoder framing over a pushed byte stream (its readValue). */
export class JsonValueStream {
  private buffer = new Uint8Array(512);
  private length = 0;
  /** Start of the value being scanned. */
  private start = 0;
  /** Next byte to scan; scanner state covers [start, pos). */
  private pos = 0;
  private ended = false;
  private failed = false;
  private readonly scanner = new Scanner();

  push(chunk: Uint8Array): void {
    if (this.start > 0 && this.start >= this.length / 2) {
      this.buffer.copyWithin(0, this.start, this.length);
      this.length -= this.start;
      this.pos -= this.start;
      this.start = 0;
    }
    if (this.length + chunk.length > this.buffer.length) {
      const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.length + chunk.length));
      grown.set(this.buffer.subarray(0, this.length));
      this.buffer = grown;
    }
    this.buffer.set(chunk, this.length);
    this.length += chunk.length;
  }

  /** The peer sent FIN: no more bytes will come. */
  end(): void {
    this.ended = true;
  }

  next(): StreamItem {
    if (this.failed) return { type: 'error' };
    for (; this.pos < this.length; this.pos++) {
      const op = this.scanner.step(this.buffer[this.pos] ?? 0);
      if (op === Op.End) return this.emit(this.pos);
      if ((op === Op.EndObject || op === Op.EndArray) && this.scanner.depth === 0) {
        return this.emit(this.pos + 1);
      }
      if (op === Op.Error) return this.fail();
    }
    if (!this.ended) return { type: 'need-more' };
    if (this.scanner.step(0x20) === Op.End) return this.emit(this.pos);
    for (let i = this.start; i < this.length; i++) {
      if (!isSpace(this.buffer[i] ?? 0)) return this.fail();
    }
    return { type: 'eof' };
  }

  private emit(end: number): StreamItem {
    const bytes = this.buffer.slice(this.start, end);
    this.start = end;
    this.pos = end;
    this.scanner.reset();
    return { type: 'value', bytes };
  }

  private fail(): StreamItem {
    this.failed = true;
    return { type: 'error' };
  }
}
