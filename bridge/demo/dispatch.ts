/**
 * What Go's rpc.Server does with one decoded request (readRequest, then
 * service.call): header and body errors are answered at once and the method
 * does not run; otherwise the method runs and its reply comes later.
 */
import { decodeParams, encodeResponse, type ServerRequest } from './jsonrpc-codec';
import type { Method, Services } from './services';

export type Dispatch =
  | { type: 'reply'; bytes: Uint8Array }
  | { type: 'call'; reply: Promise<Uint8Array> };

export function dispatch(services: Services, request: ServerRequest): Dispatch {
  const found = findMethod(services, request.method);
  if ('error' in found) return errorReply(request, found.error);
  const args = decodeParams(request.params, found.method.argType);
  if (args.error !== null) return errorReply(request, args.error);
  return {
    type: 'call',
    reply: found.method.call(args.value).then((outcome) => encodeResponse(request.id, outcome)),
  };
}

/** readRequestHeader: the service name ends at the last dot; names are case-sensitive. */
function findMethod(
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

function errorReply(request: ServerRequest, error: string): Dispatch {
  return { type: 'reply', bytes: encodeResponse(request.id, { error }) };
}
