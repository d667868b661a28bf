import type { DialectName } from '../../client-stub/dialects';

/** `name` is the English label and the menu's value; `zh` its Chinese label where it has words to translate. */
export type RequestTemplate = { name: string; zh?: string; text: string };

/** A request laid out for reading; the client stub sends it compact, as Go's client does. */
const request = (method: string, args: Record<string, unknown>): string =>
  JSON.stringify({ method, params: [args] }, null, 2);

const BURST_ZH = 'Demo.Sleep 突发';
const UNKNOWN_ZH = '不存在的方法';

/** Requests for the demo services; the burst one expands "{{expr}}" per call with i and N. */
export const REQUEST_TEMPLATES: readonly RequestTemplate[] = [
  { name: 'ServiceA.Add 10+20', text: request('ServiceA.Add', { X: 10, Y: 20 }) },
  { name: 'UserService.Get', text: request('UserService.Get', { userid: 1 }) },
  { name: 'UserService.Joined', text: request('UserService.Joined', { userid: 1 }) },
  { name: 'Demo.Sleep', text: request('Demo.Sleep', { Ms: 300 }) },
  { name: 'Demo.Sleep burst', zh: BURST_ZH, text: request('Demo.Sleep', { Ms: '{{(N-i)*40}}' }) },
  { name: 'Demo.Fail', text: request('Demo.Fail', { Message: 'disk full' }) },
  { name: 'Unknown method', zh: UNKNOWN_ZH, text: request('Nope.Add', { X: 1, Y: 2 }) },
];

/** A JSON-RPC 2.0 call; "jsonrpc":"2.0" is added on the way out, and without an id it is a notification. */
const v2 = (method: string, params: unknown, id?: unknown): Record<string, unknown> =>
  id === undefined ? { method, params } : { method, params, id };
const pretty = (value: unknown): string => JSON.stringify(value, null, 2);

/** The same demo services in JSON-RPC 2.0 (params by name), with batches and a notification. */
export const V2_REQUEST_TEMPLATES: readonly RequestTemplate[] = [
  { name: 'ServiceA.Add 10+20', text: pretty(v2('ServiceA.Add', { X: 10, Y: 20 }, 1)) },
  { name: 'UserService.Get', text: pretty(v2('UserService.Get', { userid: 1 }, 2)) },
  { name: 'Demo.Sleep', text: pretty(v2('Demo.Sleep', { Ms: 300 }, 3)) },
  {
    name: 'Demo.Sleep burst',
    zh: BURST_ZH,
    text: pretty(v2('Demo.Sleep', { Ms: '{{(N-i)*40}}' }, '{{i}}')),
  },
  { name: 'Demo.Fail', text: pretty(v2('Demo.Fail', { Message: 'disk full' }, 4)) },
  { name: 'Invalid params', zh: '参数不符', text: pretty(v2('ServiceA.Add', { X: 'ten' }, 5)) },
  { name: 'Unknown method', zh: UNKNOWN_ZH, text: pretty(v2('Nope.Add', { X: 1, Y: 2 }, 6)) },
  {
    name: 'Batch of three',
    zh: '三个调用的批量请求',
    text: pretty([
      v2('Demo.Sleep', { Ms: 200 }, 'slow'),
      v2('ServiceA.Add', { X: 1, Y: 2 }, 'add'),
      v2('UserService.Get', { userid: 7 }, 'user'),
    ]),
  },
  {
    name: 'Notification (no id)',
    zh: '通知（没有 id）',
    text: pretty(v2('Demo.Sleep', { Ms: 10 })),
  },
  {
    name: 'Batch with a notification',
    zh: '含一个通知的批量请求',
    text: pretty([v2('ServiceA.Add', { X: 2, Y: 3 }, 'sum'), v2('Demo.Sleep', { Ms: 10 })]),
  },
];

/**
 * The same calls for Go's gob codec. Gob matches struct fields by their Go
 * names, case and all (no json tags), and a one-key object picks a Go type
 * the JSON cannot say: {"$uint": 7}, {"$float": 2}, {"$bytes": …}, {"$map": …}, {"$time": …},
 * {"$array": […]}.
 */
export const GOB_REQUEST_TEMPLATES: readonly RequestTemplate[] = [
  { name: 'ServiceA.Add 10+20', text: request('ServiceA.Add', { X: 10, Y: 20 }) },
  { name: 'UserService.Get', text: request('UserService.Get', { UserId: 1 }) },
  { name: 'UserService.Joined', text: request('UserService.Joined', { UserId: 1 }) },
  { name: 'Demo.Sleep', text: request('Demo.Sleep', { Ms: 300 }) },
  { name: 'Demo.Sleep burst', zh: BURST_ZH, text: request('Demo.Sleep', { Ms: '{{(N-i)*40}}' }) },
  { name: 'Demo.Fail', text: request('Demo.Fail', { Message: 'disk full' }) },
  {
    name: 'ServiceA.Sum of a [3]int',
    zh: 'ServiceA.Sum（Go 数组 [3]int）',
    text: request('ServiceA.Sum', { V: { $array: [1, 2, 3] } }),
  },
  {
    name: 'Wrong kind (float for int)',
    zh: '种类不对（int 处给 float）',
    text: request('ServiceA.Add', { X: { $float: 1.5 }, Y: 2 }),
  },
  { name: 'Unknown method', zh: UNKNOWN_ZH, text: request('Nope.Add', { X: 1, Y: 2 }) },
];

export const TEMPLATES: Record<DialectName, readonly RequestTemplate[]> = {
  go: REQUEST_TEMPLATES,
  v2: V2_REQUEST_TEMPLATES,
  gob: GOB_REQUEST_TEMPLATES,
};

export const DEFAULT_REQUEST_TEXT = REQUEST_TEMPLATES[0]?.text ?? '';
