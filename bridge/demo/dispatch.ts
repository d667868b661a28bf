/**
 * What Go's rpc.Server does with one decoded request (readRequest, then
 * service.call): header and body errors are answered at once and the method
 * does not run; otherwise the method runs and its reply comes later.
 */
import { decodeParams, encodeResponse, type ServerRequest } from './jsonrpc-codec';
import type { InnerStep } from './server-steps';
import type { Method, Services } from './services';

export type Dispatch =
  | { type: 'reply'; bytes: Uint8Array }
  | { type: 'call'; reply: Promise<Uint8Array> };

/** `mark` hears each step as it happens (the glass-box demo's stamps); it changes no byte. */
export function dispatch(
  services: Services,
  request: ServerRequest,
  mark: (step: InnerStep) => void = () => {},
): Dispatch {
  const found = findMethod(services, request.method);
  if ('error' in found) return errorReply(request, found.error, mark);
  const args = decodeParams(request.params, found.method.argType);
  if (args.error !== null) return errorReply(request, args.error, mark);
  mark('decoded');
  mark('invoked');
  return {
    type: 'call',
    reply: found.method.call(args.value).then((outcome) => {
      mark('returned');
      const bytes = encodeResponse(request.id, outcome);
      mark('encoded');
      return bytes;
    }),
  };
}

/** readRequestHeader: the service name ends at the last dot; names are case-sensitive. */
export function findMethod(
  services: Services,
  serviceMethod: string,
): { method: Method } | { error: string } {
  const dot = serviceMethod.lastIndexOf('.');
  if (dot < 0) return { error: `rpc: service/method request ill-formed: ${serviceMethod}` };
  const service = services.get(serviceMethod.slice(0, dot));
  if (!service) return { error: `rpc: can't find service ${serviceMethod}` };
  const method = service.get(serviceMethod.slice(dot + 1));
  if (!method) return { error: `rpc: can't find method ${serviceMethod}` };
  return { method };
}

/** The method never runs: decoded, then straight to encoding the error. */
function errorReply(
  request: ServerRequest,
  error: string,
  mark: (step: InnerStep) => void,
): Dispatch {
  mark('decoded');
  const bytes = encodeResponse(request.id, { error });
  mark('encoded');
  return { type: 'reply', bytes };
}
