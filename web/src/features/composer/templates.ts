export type RequestTemplate = { name: string; text: string };

/** Requests for the demo services; the burst one expands "{{expr}}" per call with i and N. */
export const REQUEST_TEMPLATES: readonly RequestTemplate[] = [
  { name: 'ServiceA.Add 10+20', text: '{"method":"ServiceA.Add","params":[{"X":10,"Y":20}]}' },
  { name: 'UserService.Get', text: '{"method":"UserService.Get","params":[{"userid":1}]}' },
  { name: 'Demo.Sleep', text: '{"method":"Demo.Sleep","params":[{"Ms":300}]}' },
  { name: 'Demo.Sleep burst', text: '{"method":"Demo.Sleep","params":[{"Ms":"{{(N-i)*40}}"}]}' },
  { name: 'Demo.Fail', text: '{"method":"Demo.Fail","params":[{"Message":"disk full"}]}' },
  { name: 'Unknown method', text: '{"method":"Nope.Add","params":[{"X":1,"Y":2}]}' },
];

export const DEFAULT_REQUEST_TEXT = REQUEST_TEMPLATES[0]?.text ?? '';
