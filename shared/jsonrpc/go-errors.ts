import type { Language } from '../language';

/**
 * What a Go net/rpc error string means (GO-NETRPC §1.3): the server's own
 * refusals start with fixed prefixes and mean the method never ran; any other
 * text is the method's own error.
 */
export const GO_ERROR_KINDS = [
  'service-not-found',
  'method-not-found',
  'ill-formed',
  'missing-params',
  'bad-params',
  'application',
] as const;
export type GoErrorKind = (typeof GO_ERROR_KINDS)[number];

/** `explanation` is the English one, kept with the call so a saved session reads on its own. */
export type GoErrorClass = { kind: GoErrorKind; ran: boolean; explanation: string };

type GoErrorEntry = { kind: GoErrorKind; ran: boolean; explanation: Record<Language, string> };

const GO_ERRORS: Array<{ prefix: string } & GoErrorEntry> = [
  {
    prefix: "rpc: can't find service ",
    kind: 'service-not-found',
    ran: false,
    explanation: {
      en: 'No service by that name is registered on the server (names are case-sensitive). Nothing ran; in JSON-RPC 2.0 this is -32601 Method not found.',
      zh: '服务器上没有注册这个名字的服务（名字区分大小写）。方法没有运行；在 JSON-RPC 2.0 中这是 -32601 Method not found。',
    },
  },
  {
    prefix: "rpc: can't find method ",
    kind: 'method-not-found',
    ran: false,
    explanation: {
      en: 'The service exists but has no exported method by that name (case-sensitive). Nothing ran; in JSON-RPC 2.0 this is -32601 Method not found.',
      zh: '服务存在，但没有这个名字的导出方法（区分大小写）。方法没有运行；在 JSON-RPC 2.0 中这是 -32601 Method not found。',
    },
  },
  {
    prefix: 'rpc: service/method request ill-formed',
    kind: 'ill-formed',
    ran: false,
    explanation: {
      en: 'The method name is not of the form Service.Method. Nothing ran; in JSON-RPC 2.0 this is -32600 Invalid Request.',
      zh: '方法名不是 Service.Method 的形式。方法没有运行；在 JSON-RPC 2.0 中这是 -32600 Invalid Request。',
    },
  },
  {
    prefix: 'jsonrpc: request body missing params',
    kind: 'missing-params',
    ran: false,
    explanation: {
      en: 'The request had no params (or null). Go needs "params":[arg]. Nothing ran; in JSON-RPC 2.0 this is -32602 Invalid params.',
      zh: '请求没有 params（或为 null）。Go 需要 "params":[arg]。方法没有运行；在 JSON-RPC 2.0 中这是 -32602 Invalid params。',
    },
  },
  {
    prefix: 'json: cannot unmarshal ',
    kind: 'bad-params',
    ran: false,
    explanation: {
      en: "The params did not fit the method's argument type, so Go could not decode them. Nothing ran; in JSON-RPC 2.0 this is -32602 Invalid params.",
      zh: 'params 与方法的参数类型不符，Go 无法解码。方法没有运行；在 JSON-RPC 2.0 中这是 -32602 Invalid params。',
    },
  },
  {
    prefix: 'gob: ',
    kind: 'bad-params',
    ran: false,
    explanation: {
      en: 'The server\'s gob decoder could not fit the args to the method\'s argument type (a field of another kind, or no field names in common). Nothing ran. A field that Go declares uint or float64 needs {"$uint": n} or {"$float": n} around its value.',
      zh: '服务器的 gob 解码器无法把参数对应到方法的参数类型（某个字段的种类不同，或没有相同的字段名）。方法没有运行。Go 声明为 uint 或 float64 的字段，其值要写成 {"$uint": n} 或 {"$float": n}。',
    },
  },
];

const APPLICATION: GoErrorEntry = {
  kind: 'application',
  ran: true,
  explanation: {
    en: 'The method ran and returned this error itself (its error.Error() text); any side effects it had happened.',
    zh: '方法运行了，这个错误是它自己返回的（它的 error.Error() 文本）；它产生的副作用都已发生。',
  },
};

const entryOf = (message: string): GoErrorEntry =>
  GO_ERRORS.find((entry) => message.startsWith(entry.prefix)) ?? APPLICATION;

/** Classifies a Go error string by its prefix and says whether the method ran. */
export function classifyGoError(message: string): GoErrorClass {
  const { kind, ran, explanation } = entryOf(message);
  return { kind, ran, explanation: explanation.en };
}

/** What a Go error string means, in the page's language. */
export function explainGoError(message: string, language: Language): string {
  return entryOf(message).explanation[language];
}
