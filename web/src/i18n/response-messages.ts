import { explainGoError, type GoErrorKind } from '../../../shared/jsonrpc/go-errors';
import { explainV2ErrorCode } from '../../../shared/jsonrpc/v2-error-codes';
import type { DialectHint } from '../client-stub/dialects';
import type { RequestTemplate } from '../features/composer/templates';
import { failureDetailZh } from './failure-details';
import { originalZh } from './original';

/** The Response panel's words for errors and failures, spread into messages.ts. */
export const RESPONSE_EN = {
  errorKind: 'Kind',
  goErrorKindName: {
    'service-not-found': 'service not found',
    'method-not-found': 'method not found',
    'ill-formed': 'ill-formed method name',
    'missing-params': 'missing params',
    'bad-params': 'params do not fit',
    application: "the method's own error",
  } satisfies Record<GoErrorKind, string>,
  methodRan: 'Method ran',
  why: 'Why',
  /** What a Go error text means (shared/jsonrpc/go-errors.ts). */
  goErrorWhy: (error: string) => explainGoError(error, 'en'),
  /** What a JSON-RPC 2.0 error code means (shared/jsonrpc/v2-error-codes.ts). */
  v2CodeMeaning: (code: number) => explainV2ErrorCode(code, 'en'),
  ranYes: 'yes: the method ran and returned this error',
  ranNo: 'no: the server refused the call before running the method',
  duplicateInFlight: (id: string) =>
    `id ${id} is already in flight: a reply cannot tell these calls apart`,
  hint: 'Hint',
  dialectHint: {
    'try-gob':
      'The server has sent nothing on this connection: if it speaks gob (rpc.ServeConn), it read "{" as a message length of 123 and is still waiting for the rest. Try the dialect "Go net/rpc gob".',
    'try-jsonrpc':
      'It sent nothing first: a net/rpc/jsonrpc server closes at once on gob, which is not JSON. Try the dialect "Go net/rpc jsonrpc".',
  } satisfies Record<DialectHint, string>,
  detail: 'Detail',
  detailAsItCame: 'Detail',
  /** A failure's detail in this language, or null when it can only be quoted as it came. */
  failureDetail: (detail: string): string | null => detail,
  /** What someone else wrote (a parser, a server), as this language shows it. */
  quoted: (text: string) => text,
  templateName: (template: RequestTemplate) => template.name,
  /** A problem with the request, in the words of the code that found it. */
  requestProblem: (problem: string) => problem,
  /** What Go will do with a request it accepts, said before it is sent. */
  sendWarning: (warning: string) => `Before you send: ${warning}`,
};

export const RESPONSE_ZH: typeof RESPONSE_EN = {
  errorKind: '类别',
  goErrorKindName: {
    'service-not-found': '找不到服务',
    'method-not-found': '找不到方法',
    'ill-formed': '方法名格式不对',
    'missing-params': '缺少 params',
    'bad-params': 'params 不符',
    application: '方法自己的错误',
  },
  methodRan: '方法是否运行',
  why: '原因',
  goErrorWhy: (error) => explainGoError(error, 'zh'),
  v2CodeMeaning: (code) => explainV2ErrorCode(code, 'zh'),
  ranYes: '是：方法运行了，并返回了这个错误',
  ranNo: '否：服务器在运行方法之前就拒绝了调用',
  duplicateInFlight: (id) => `id ${id} 已经有调用在途：回复无法区分这些调用`,
  hint: '提示',
  dialectHint: {
    'try-gob':
      '服务器在这条连接上什么也没发过：如果它说 gob（rpc.ServeConn），它把 "{" 读成了长度为 123 的消息，还在等其余的字节。请试试方言“Go net/rpc gob”。',
    'try-jsonrpc':
      '它此前什么也没发过：net/rpc/jsonrpc 服务器收到 gob（不是 JSON）会立刻关闭连接。请试试方言“Go net/rpc jsonrpc”。',
  },
  detail: '详情',
  detailAsItCame: '详情（英文原文）',
  failureDetail: failureDetailZh,
  quoted: originalZh,
  templateName: (template) => template.zh ?? template.name,
  requestProblem: (problem) => `请求无法发送（英文原文）：${problem}`,
  sendWarning: (warning) => `发送之前请注意：${warning}`,
};
