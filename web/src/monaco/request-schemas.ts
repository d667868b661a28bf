import type { Language } from '../../../shared/language';
import type { DialectName } from '../client-stub/dialects';

/**
 * What the editor's JSON must look like in each dialect, as JSON Schema
 * (draft 7), for Monaco's JSON worker: it underlines what does not fit,
 * completes member names, and its descriptions show on hover in the page's
 * language. Go's deeper rules (what its server will do with odd params) stay
 * in shared/jsonrpc/go-dialect.ts's lint.
 */

const WORDS = {
  en: {
    id: 'Sent exactly as typed. The answer carries the same id; it is how the client stub finds the call.',
    goTitle: 'Go net/rpc/jsonrpc request',
    goMethod: 'Service.Method, case-sensitive, as registered on the Go server.',
    goParams: "An array holding the method's one argument: [{…}]. Go ignores further elements.",
    goId: "Any JSON value, echoed back by Go. Leave it out and the page numbers calls 0, 1, 2… per connection, as Go's client does.",
    v2Title: 'JSON-RPC 2.0 request or notification',
    v2BatchTitle: 'JSON-RPC 2.0 batch: sent as one message, each element answered on its own',
    v2Version: 'Added by the client stub when missing.',
    v2Method: 'The method to call.',
    v2Params: 'By position (an array) or by name (an object); may be left out.',
    v2Notification: 'Leave "id" out to send a notification: the server sends no answer.',
    gobTitle: 'Go net/rpc request, sent in gob',
    gobParams:
      'An array of exactly one value, the args. Whole numbers go as int, fractions as float64, objects as structs (fields by their Go names); {"$uint": n}, {"$float": n}, {"$bytes": …}, {"$map": {…}}, {"$time": "2024-02-29T13:45:30Z"} or {"$array": [1, 2, 3]} (a [3]int, not a slice) pick another Go type.',
    gobId:
      "The call's Seq: a whole number from 0 to 18446744073709551615. Leave it out and the page numbers calls 0, 1, 2… per connection, as Go's client does.",
  },
  zh: {
    id: '按输入原样发送。回复带着同一个 id；客户端存根靠它找到对应的调用。',
    goTitle: 'Go net/rpc/jsonrpc 请求',
    goMethod: 'Service.Method，区分大小写，与 Go 服务器上注册的一致。',
    goParams: '一个数组，放方法的唯一参数：[{…}]。Go 忽略其余元素。',
    goId: '任意 JSON 值，Go 原样发回。省略时，页面按连接给调用编号 0、1、2…，和 Go 的客户端一样。',
    v2Title: 'JSON-RPC 2.0 请求或通知',
    v2BatchTitle: 'JSON-RPC 2.0 批量请求：作为一条消息发送，每个元素各自得到回复',
    v2Version: '缺少时由客户端存根加上。',
    v2Method: '要调用的方法。',
    v2Params: '按位置（数组）或按名字（对象）；可以省略。',
    v2Notification: '省略 "id" 就是发送通知：服务器不回复。',
    gobTitle: '用 gob 发送的 Go net/rpc 请求',
    gobParams:
      '一个只含一个值的数组，即参数。整数按 int 发送，小数按 float64，对象按结构体（字段用 Go 的名字）；{"$uint": n}、{"$float": n}、{"$bytes": …}、{"$map": {…}}、{"$time": "2024-02-29T13:45:30Z"} 或 {"$array": [1, 2, 3]}（即 [3]int，不是切片）可以选别的 Go 类型。',
    gobId:
      '调用的 Seq：0 到 18446744073709551615 之间的整数。省略时，页面按连接给调用编号 0、1、2…，和 Go 的客户端一样。',
  },
} satisfies Record<Language, Record<string, string>>;

type Words = (typeof WORDS)['en'];

const DRAFT_7 = 'http://json-schema.org/draft-07/schema#';

const goRequest = (w: Words) => ({
  // What Go would refuse or misread is the lint's job, with Go's own words: the schema only types and explains.
  title: w.goTitle,
  type: 'object',
  properties: {
    method: { description: w.goMethod, type: 'string' },
    params: { description: w.goParams },
    id: { description: w.goId },
  },
});

const v2Request = (w: Words) => ({
  title: w.v2Title,
  type: 'object',
  required: ['method'],
  additionalProperties: false,
  properties: {
    jsonrpc: { description: w.v2Version, const: '2.0' },
    method: { description: w.v2Method, type: 'string' },
    params: { description: w.v2Params, type: ['array', 'object'] },
    id: { description: `${w.id} ${w.v2Notification}`, type: ['string', 'number', 'null'] },
  },
});

const gobRequest = (w: Words) => ({
  title: w.gobTitle,
  type: 'object',
  required: ['method', 'params'],
  properties: {
    method: { description: w.goMethod, type: 'string' },
    params: { description: w.gobParams, type: 'array', minItems: 1, maxItems: 1 },
    id: { description: w.gobId, type: 'integer', minimum: 0 },
  },
});

/** The schema of a request in `dialect`, its descriptions in `language`. */
export function requestSchema(dialect: DialectName, language: Language): object {
  const w = WORDS[language];
  switch (dialect) {
    case 'go':
      return { $schema: DRAFT_7, ...goRequest(w) };
    case 'gob':
      return { $schema: DRAFT_7, ...gobRequest(w) };
    case 'v2':
      return {
        $schema: DRAFT_7,
        oneOf: [
          v2Request(w),
          { title: w.v2BatchTitle, type: 'array', minItems: 1, items: v2Request(w) },
        ],
      };
  }
}
