/**
 * The twelve steps of a remote procedure call, in English and Chinese: who
 * does each, its title, and one plain sentence filled with the call's real
 * values and measured times (rules SC1–SC8 in shared/README.md). Pure: the
 * times come in as StepTime[] from step-timeline.ts; nothing here is guessed.
 */
import type { Language } from '../language';
import { STEP_NUMBERS, type StepNumber, type StepTime, type TimeSource } from './call-stamps';

/** The five actors, left to right as the diagram draws them. */
export const ACTORS = ['caller', 'client-stub', 'network', 'server-stub', 'service'] as const;
export type Actor = (typeof ACTORS)[number];

export const ACTOR_NAMES: Record<Language, Record<Actor, string>> = {
  en: {
    caller: 'Caller',
    'client-stub': 'Client stub',
    network: 'Network',
    'server-stub': 'Server stub',
    service: 'Service',
  },
  zh: {
    caller: '调用方',
    'client-stub': '客户端存根',
    network: '网络',
    'server-stub': '服务器存根',
    service: '服务',
  },
};

export type StepEntry = {
  step: StepNumber;
  /** Who acts; the message is with `at` once the step is done. */
  actor: Actor;
  at: Actor;
  /** Request (steps 1–6) or reply (7–12): the lane the message travels in. */
  leg: 'request' | 'reply';
  title: Record<Language, string>;
};

const entry = (step: StepNumber, actor: Actor, at: Actor, en: string, zh: string): StepEntry => ({
  step,
  actor,
  at,
  leg: step <= 6 ? 'request' : 'reply',
  title: { en, zh },
});

/** SC1: twelve steps, numbered 1–12, each with an actor and a title in both languages. */
export const STEPS: readonly StepEntry[] = [
  entry(1, 'caller', 'caller', 'The caller calls', '调用方发起调用'),
  entry(2, 'client-stub', 'client-stub', 'The client stub marshals', '客户端存根编组请求'),
  entry(3, 'client-stub', 'network', 'The message is sent', '请求发送出去'),
  entry(4, 'network', 'server-stub', 'The server receives', '服务器收到请求'),
  entry(5, 'server-stub', 'server-stub', 'The server stub decodes', '服务器存根解码'),
  entry(6, 'server-stub', 'service', 'The service is called', '调用本地服务'),
  entry(7, 'service', 'server-stub', 'The service returns', '服务返回结果'),
  entry(
    8,
    'server-stub',
    'server-stub',
    'The server stub marshals the reply',
    '服务器存根编组回复',
  ),
  entry(9, 'server-stub', 'network', 'The reply is sent back', '回复发回调用方'),
  entry(10, 'network', 'client-stub', 'The client receives', '客户端收到回复'),
  entry(11, 'client-stub', 'client-stub', 'The client stub decodes', '客户端存根解码'),
  entry(12, 'client-stub', 'caller', 'The caller gets the result', '调用方得到结果'),
];

export function stepEntry(step: StepNumber): StepEntry {
  return STEPS[step - 1] as StepEntry;
}

/** SC2: where a time came from, in words a learner can check. */
export const SOURCE_LABELS: Record<Language, Record<TimeSource, string>> = {
  en: {
    page: 'observed in the page',
    bridge: 'observed at the bridge',
    server: 'observed at the glass-box server',
    inferred: 'inferred: not observed inside the server',
  },
  zh: {
    page: '在页面中观测',
    bridge: '在桥接器处观测',
    server: '在玻璃盒服务器内观测',
    inferred: '推断：未在服务器内部观测',
  },
};

/** What the page knows about the call, beyond its times. */
export type CallFacts = {
  method: string;
  idText: string;
  /** The request exactly as sent, newline included: a whole batch, with any framing's headers. */
  requestText: string;
  /** The call's own params as sent (a batch element's); null when it has none. */
  paramsText: string | null;
  requestBytes: number;
  replyBytes: number | null;
  outcome:
    | { kind: 'pending' }
    | { kind: 'result'; text: string }
    | { kind: 'error'; text: string }
    | { kind: 'failed'; reason: string };
};

export type StepDescription = {
  step: StepNumber;
  title: string;
  sentence: string;
  source: TimeSource;
  sourceLabel: string;
  /** Whether the step has happened (has a time). */
  happened: boolean;
  /** "+0.84 ms" from the call's start; null until the step has happened. */
  sinceStart: string | null;
  /** "+0.05 ms" after the previous step that happened; null for step 1 or before it happened. */
  sincePrevious: string | null;
  /** "±0.12 ms" when the time rests on the clock offset; null for page times. */
  uncertainty: string | null;
  /** Said when the converted time fell outside what the page saw around it and was moved to keep the order. */
  clampedNote: string | null;
};

/** SC3: milliseconds with the precision a learner can read: 0.123 ms, 1.23 ms, 12.3 ms, 123 ms. */
export function formatMs(ms: number): string {
  const size = Math.abs(ms);
  const digits = size < 1 ? 3 : size < 10 ? 2 : size < 100 ? 1 : 0;
  return `${ms.toFixed(digits)} ms`;
}

const signed = (ms: number) => `${ms < 0 ? '−' : '+'}${formatMs(Math.abs(ms))}`;

/** SC4: the bytes as typed characters, with the invisible ones spelled out (Go's reply ends in \n). */
export function showBytes(text: string): string {
  return text.replace(/\r/g, '\\r').replace(/\n/g, '\\n').replace(/\t/g, '\\t');
}

/** A sentence quotes at most this many characters of a payload; the rest is counted, not hidden. */
export const QUOTE_MAX_CHARS = 240;

/** SC4: a long payload is cut with an explicit count of what was left out. */
export function quote(text: string, max = QUOTE_MAX_CHARS): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (+${text.length - max} chars)`;
}

type Timing = {
  at: number | null;
  end: number | null;
  /** Duration of the step's span (its end minus its start). */
  span: number | null;
};

function timingOf(time: StepTime | undefined, start: number | null): Timing {
  if (!time || time.at === null || start === null) return { at: null, end: null, span: null };
  return {
    at: time.at - start,
    end: time.end === null ? null : time.end - start,
    span: time.end === null ? null : time.end - time.at,
  };
}

type Sentence = (facts: CallFacts, timing: Timing, source: TimeSource) => string;

const outcomeEn = (facts: CallFacts): string => {
  switch (facts.outcome.kind) {
    case 'result':
      return `the result ${quote(facts.outcome.text)}`;
    case 'error':
      return `the error "${quote(facts.outcome.text)}"`;
    case 'failed':
      return `no result: the call failed (${facts.outcome.reason})`;
    case 'pending':
      return 'no result yet';
  }
};

const outcomeZh = (facts: CallFacts): string => {
  switch (facts.outcome.kind) {
    case 'result':
      return `结果 ${quote(facts.outcome.text)}`;
    case 'error':
      return `错误“${quote(facts.outcome.text)}”`;
    case 'failed':
      return `没有结果：调用失败（${facts.outcome.reason}）`;
    case 'pending':
      return '尚无结果';
  }
};

const atMs = (timing: Timing) => formatMs(timing.at ?? 0);

/** Steps 4–9 of a server nobody can see into: one measured span, said plainly. */
const blackBoxEn = (timing: Timing) =>
  `Not observed inside this server: steps 4–9 are one measured span, last byte written → first byte back, ${formatMs(timing.span ?? 0)}.`;
const blackBoxZh = (timing: Timing) =>
  `未在该服务器内部观测：第 4–9 步是一段测得的时间，从最后一个字节写出到第一个字节返回，共 ${formatMs(timing.span ?? 0)}。`;

const SENTENCES: Record<Language, Record<StepNumber, Sentence>> = {
  en: {
    1: (f) =>
      `The caller calls ${f.method} ${f.paramsText === null ? 'with no params' : `with params ${quote(f.paramsText)}`} as if it were a local function; the call starts here, at 0 ms.`,
    2: (f, t) =>
      `The client stub marshals the call into ${f.requestBytes} bytes, ${showBytes(quote(f.requestText))}, at ${atMs(t)}.`,
    3: (f, t) =>
      `The client stub sends those ${f.requestBytes} bytes: the bridge wrote the last one to the TCP socket at ${atMs(t)}.`,
    4: (f, t, s) =>
      s === 'inferred'
        ? `The server receives the message. ${blackBoxEn(t)}`
        : `The server has received all ${f.requestBytes} bytes of the request at ${atMs(t)}.`,
    5: (f, t, s) =>
      s === 'inferred'
        ? `The server stub decodes the message. ${blackBoxEn(t)}`
        : `The server stub decodes the bytes back into ${f.method} and its params at ${atMs(t)}.`,
    6: (f, t, s) =>
      s === 'inferred'
        ? `The server stub calls the local service. ${blackBoxEn(t)}`
        : `The server stub calls the local service ${f.method} at ${atMs(t)}.`,
    7: (f, t, s) =>
      s === 'inferred'
        ? `The service runs and returns. ${blackBoxEn(t)}`
        : `The service ${f.method} has run and returned to the server stub at ${atMs(t)}.`,
    8: (_f, t, s) =>
      s === 'inferred'
        ? `The server stub marshals the reply. ${blackBoxEn(t)}`
        : `The server stub marshals the result into a reply message at ${atMs(t)}.`,
    9: (_f, t, s) =>
      s === 'inferred'
        ? `The reply goes back to the caller. ${blackBoxEn(t)}`
        : `The server writes the reply to the caller's connection at ${atMs(t)}.`,
    10: (f, t) =>
      `The bridge reads the reply's ${f.replyBytes ?? '?'} bytes from the socket: first byte at ${atMs(t)}, last byte at ${formatMs(t.end ?? t.at ?? 0)}.`,
    11: (f, t) =>
      `The client stub decodes the reply and matches it by id ${f.idText} to this call: ${outcomeEn(f)}, at ${atMs(t)}.`,
    12: (f, t) =>
      `The caller gets ${outcomeEn(f)} from ${f.method}, ${formatMs(t.at ?? 0)} after it called.`,
  },
  zh: {
    1: (f) =>
      `调用方像调用本地函数一样调用 ${f.method}，${f.paramsText === null ? '不带参数' : `参数为 ${quote(f.paramsText)}`}；调用从这里开始，时刻 0 ms。`,
    2: (f, t) =>
      `客户端存根把调用编组成 ${f.requestBytes} 字节：${showBytes(quote(f.requestText))}，时刻 ${atMs(t)}。`,
    3: (f, t) =>
      `客户端存根发送这 ${f.requestBytes} 字节：桥接器在 ${atMs(t)} 把最后一个字节写入 TCP 套接字。`,
    4: (f, t, s) =>
      s === 'inferred'
        ? `服务器接收消息。${blackBoxZh(t)}`
        : `服务器在 ${atMs(t)} 收齐了请求的全部 ${f.requestBytes} 字节。`,
    5: (f, t, s) =>
      s === 'inferred'
        ? `服务器存根解码消息。${blackBoxZh(t)}`
        : `服务器存根在 ${atMs(t)} 把字节解码回 ${f.method} 及其参数。`,
    6: (f, t, s) =>
      s === 'inferred'
        ? `服务器存根调用本地服务。${blackBoxZh(t)}`
        : `服务器存根在 ${atMs(t)} 调用本地服务 ${f.method}。`,
    7: (f, t, s) =>
      s === 'inferred'
        ? `服务运行并返回。${blackBoxZh(t)}`
        : `服务 ${f.method} 运行完毕，在 ${atMs(t)} 把结果返回给服务器存根。`,
    8: (_f, t, s) =>
      s === 'inferred'
        ? `服务器存根编组回复。${blackBoxZh(t)}`
        : `服务器存根在 ${atMs(t)} 把结果编组成回复消息。`,
    9: (_f, t, s) =>
      s === 'inferred'
        ? `回复发回调用方。${blackBoxZh(t)}`
        : `服务器在 ${atMs(t)} 把回复写回调用方的连接。`,
    10: (f, t) =>
      `桥接器从套接字读到回复的 ${f.replyBytes ?? '?'} 字节：第一个字节在 ${atMs(t)}，最后一个字节在 ${formatMs(t.end ?? t.at ?? 0)}。`,
    11: (f, t) =>
      `客户端存根解码回复，按 id ${f.idText} 匹配到这次调用：${outcomeZh(f)}，时刻 ${atMs(t)}。`,
    12: (f, t) => `调用方从 ${f.method} 得到${outcomeZh(f)}，距调用共 ${formatMs(t.at ?? 0)}。`,
  },
};

const CLAMPED: Record<Language, string> = {
  en: 'moved within the clock uncertainty so that steps keep their order',
  zh: '在时钟不确定度内做了调整，以保持步骤顺序',
};

const NOT_YET: Record<Language, string> = {
  en: 'This step has not happened yet.',
  zh: '这一步还没有发生。',
};
const NEVER: Record<Language, string> = {
  en: 'This step never happened: the call failed',
  zh: '这一步没有发生：调用失败',
};

/**
 * SC5: one step of one call in words. `times` is the call's step timeline
 * (page clock); relative times are from step 1 and from the step before
 * that happened. A step without a time says so and quotes nothing measured.
 */
export function describeStep(
  step: StepNumber,
  facts: CallFacts,
  times: readonly StepTime[],
  language: Language,
): StepDescription {
  const time = times.find((t) => t.step === step);
  const start = times.find((t) => t.step === 1)?.at ?? null;
  const source: TimeSource = time?.source ?? (step >= 4 && step <= 9 ? 'inferred' : 'page');
  const title = stepEntry(step).title[language];
  const timing = timingOf(time, start);
  const base = { step, title, source, sourceLabel: SOURCE_LABELS[language][source] };
  if (!time || timing.at === null) {
    const sentence =
      facts.outcome.kind === 'failed'
        ? `${NEVER[language]}${language === 'en' ? ` (${facts.outcome.reason}).` : `(${facts.outcome.reason})。`}`
        : NOT_YET[language];
    return {
      ...base,
      sentence,
      happened: false,
      sinceStart: null,
      sincePrevious: null,
      uncertainty: null,
      clampedNote: null,
    };
  }
  const previous = times
    .filter((t) => t.step < step && t.at !== null)
    .sort((a, b) => b.step - a.step)[0];
  // Inside one inferred span there is no "previous step" to measure from: 5–9 share 4's span.
  const sameSpan = source === 'inferred' && previous?.source === 'inferred';
  const previousAt = sameSpan ? null : (previous?.at ?? null);
  return {
    ...base,
    sentence: SENTENCES[language][step](facts, timing, source),
    happened: true,
    sinceStart: signed(timing.at),
    sincePrevious:
      previousAt === null || start === null ? null : signed(timing.at - (previousAt - start)),
    uncertainty: time.uncertaintyMs > 0 ? `±${formatMs(time.uncertaintyMs)}` : null,
    clampedNote: time.clamped ? CLAMPED[language] : null,
  };
}

/** SC6: every step of the call, for the step list. */
export function describeSteps(
  facts: CallFacts,
  times: readonly StepTime[],
  language: Language,
): StepDescription[] {
  return STEP_NUMBERS.map((step) => describeStep(step, facts, times, language));
}
