import type { FramingName } from '../../../shared/framing/framer';
import type { DialectName } from '../client-stub/dialects';
import type { GuessReason } from '../client-stub/protocol-guess';

/** The words of framings and dialects (connection bar, composer, response), spread into messages.ts. */
export const DIALECT_EN = {
  framing: 'Framing',
  dialect: 'Dialect',
  httpPath: 'Path',
  framingNames: {
    'json-stream': 'JSON stream (Go)',
    ndjson: 'Newline-delimited JSON',
    'content-length': 'Content-Length (LSP)',
    http: 'HTTP/1.1 POST',
    gob: 'gob (rpc.Dial)',
    'gob-http': 'HTTP CONNECT, then gob (rpc.DialHTTP)',
  } satisfies Record<FramingName, string>,
  dialectNames: {
    go: 'Go net/rpc jsonrpc',
    v2: 'JSON-RPC 2.0',
    gob: 'Go net/rpc gob',
  } satisfies Record<DialectName, string>,
  guessReasons: {
    demo: 'the Go demo',
    demo2: 'the JSON-RPC 2.0 demo',
    demoGob: 'the gob demo',
    'http-port': 'a port web servers use',
    default: 'an unknown server, Go by default',
  } satisfies Record<GuessReason, string>,
  guessed: (why: string) => `guessed: ${why}`,
  chosenByYou: 'chosen by you',
  useGuess: 'Use the guess',
  notificationNoAnswer: 'notification — no answer expected',
  errorCode: 'Code',
  errorMessage: 'Message',
  errorData: 'Data',
  errorMeaning: 'Meaning',
};

export const DIALECT_ZH: typeof DIALECT_EN = {
  framing: '分帧',
  dialect: '方言',
  httpPath: '路径',
  framingNames: {
    'json-stream': 'JSON 流（Go）',
    ndjson: '按行分隔的 JSON',
    'content-length': 'Content-Length(LSP)',
    http: 'HTTP/1.1 POST',
    gob: 'gob(rpc.Dial)',
    'gob-http': 'HTTP CONNECT 后 gob(rpc.DialHTTP)',
  },
  dialectNames: { go: 'Go net/rpc jsonrpc', v2: 'JSON-RPC 2.0', gob: 'Go net/rpc gob' },
  guessReasons: {
    demo: 'Go 演示服务器',
    demo2: 'JSON-RPC 2.0 演示服务器',
    demoGob: 'gob 演示服务器',
    'http-port': 'Web 服务器常用的端口',
    default: '未知服务器，默认按 Go',
  },
  guessed: (why) => `推测：${why}`,
  chosenByYou: '由你选择',
  useGuess: '采用推测',
  notificationNoAnswer: '通知 — 不需要回复',
  errorCode: '代码',
  errorMessage: '消息',
  errorData: '数据',
  errorMeaning: '含义',
};
