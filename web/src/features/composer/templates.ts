export type RequestTemplate = { name: string; text: string };

/** A request laid out for reading; the client stub sends it compact, as Go's client does. */
const request = (method: string, args: Record<string, unknown>): string =>
  JSON.stringify({ method, params: [args] }, null, 2);

/** Requests for the demo services; the burst one expands "{{expr}}" per call with i and N. */
export const REQUEST_TEMPLATES: readonly RequestTemplate[] = [
  { name: 'ServiceA.Add 10+20', text: request('ServiceA.Add', { X: 10, Y: 20 }) },
  { name: 'UserService.Get', text: request('UserService.Get', { userid: 1 }) },
  { name: 'Demo.Sleep', text: request('Demo.Sleep', { Ms: 300 }) },
  { name: 'Demo.Sleep burst', text: request('Demo.Sleep', { Ms: '{{(N-i)*40}}' }) },
  { name: 'Demo.Fail', text: request('Demo.Fail', { Message: 'disk full' }) },
  { name: 'Unknown method', text: request('Nope.Add', { X: 1, Y: 2 }) },
];

export const DEFAULT_REQUEST_TEXT = REQUEST_TEMPLATES[0]?.text ?? '';
