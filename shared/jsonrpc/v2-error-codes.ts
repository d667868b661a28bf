import type { Language } from '../language';

type Texts = Record<Language, string>;

/** The specification's names stay as written (they are what servers send); the explanations are translated. */
const STANDARD: Readonly<Record<number, { name: string; explanation: Texts }>> = {
  [-32700]: {
    name: 'Parse error',
    explanation: {
      en: 'The server could not parse the request as JSON.',
      zh: '服务器无法把请求当作 JSON 解析。',
    },
  },
  [-32600]: {
    name: 'Invalid Request',
    explanation: {
      en: 'The JSON is not a valid request object (e.g. no "jsonrpc":"2.0" or no method).',
      zh: '这段 JSON 不是有效的请求对象（例如缺少 "jsonrpc":"2.0" 或 method）。',
    },
  },
  [-32601]: {
    name: 'Method not found',
    explanation: {
      en: 'The method does not exist or is not available on this server.',
      zh: '这个方法不存在，或在这台服务器上不可用。',
    },
  },
  [-32602]: {
    name: 'Invalid params',
    explanation: {
      en: 'The method exists but the params do not fit it.',
      zh: '方法存在，但 params 与它不符。',
    },
  },
  [-32603]: {
    name: 'Internal error',
    explanation: {
      en: 'The server failed internally while handling the request.',
      zh: '服务器在处理请求时发生了内部错误。',
    },
  },
};

const SERVER_RANGE: Texts = {
  en: 'Server error: reserved for implementation-defined server errors.',
  zh: 'Server error：留给实现自定义的服务器错误。',
};
const RESERVED: Texts = {
  en: 'is reserved by the specification for future use.',
  zh: '由规范保留，供将来使用。',
};
const APPLICATION: Texts = {
  en: 'is an application-defined error.',
  zh: '是应用自定义的错误。',
};

/** One sentence on what a JSON-RPC 2.0 error code means, per the specification. */
export function explainV2ErrorCode(code: number, language: Language = 'en'): string {
  const known = STANDARD[code];
  if (known) {
    const colon = language === 'zh' ? '：' : ': ';
    return `${code} ${known.name}${colon}${known.explanation[language]}`;
  }
  if (code >= -32099 && code <= -32000) return `${code} ${SERVER_RANGE[language]}`;
  const rest = code >= -32768 && code <= -32000 ? RESERVED : APPLICATION;
  return `${code} ${rest[language]}`;
}
