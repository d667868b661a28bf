import { connect, type Socket } from 'node:net';
import type { ErrorCode } from '../../shared/protocol/bridge-protocol';
import { LIMIT_FLAGS } from '../limits';
import { formatTarget } from '../policy/targets';

export type ConnectFailure = { code: ErrorCode; message: string };
export type ConnectResult = { ok: true; socket: Socket } | ({ ok: false } & ConnectFailure);

function describeFailure(error: NodeJS.ErrnoException, label: string): ConnectFailure {
  switch (error.code) {
    case 'ECONNREFUSED':
      return {
        code: 'connect-refused',
        message: `nothing is listening on ${label} (connection refused)`,
      };
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return { code: 'unreachable', message: `${label} is unreachable (${error.code})` };
    default:
      return { code: 'io', message: `could not connect to ${label}: ${error.message}` };
  }
}

function connectOnce(address: string, port: number, timeoutMs: number): Promise<ConnectResult> {
  const label = formatTarget({ host: address, port });
  return new Promise((resolve) => {
    const socket = connect({ host: address, port, noDelay: true });
    const finish = (result: ConnectResult) => {
      clearTimeout(timer);
      socket.off('connect', onConnect);
      socket.off('error', onError);
      resolve(result);
    };
    const onConnect = () => finish({ ok: true, socket });
    const onError = (error: Error) => {
      socket.destroy();
      finish({ ok: false, ...describeFailure(error as NodeJS.ErrnoException, label) });
    };
    const timer = setTimeout(() => {
      socket.destroy();
      finish({
        ok: false,
        code: 'connect-timeout',
        message: `${label} did not answer within ${timeoutMs / 1000} s (connect timeout, ${LIMIT_FLAGS.connectTimeoutMs})`,
      });
    }, timeoutMs);
    socket.once('connect', onConnect);
    socket.once('error', onError);
  });
}

/**
 * Connects to the first of the checked addresses that accepts, in resolver
 * order (a name like localhost may give ::1 and 127.0.0.1, and a server may
 * listen on only one of them). Returns the connected socket or the last failure.
 */
export async function connectTarget(
  addresses: readonly string[],
  port: number,
  timeoutMs: number,
): Promise<ConnectResult> {
  let last: ConnectResult = { ok: false, code: 'io', message: 'no address to connect to' };
  for (const address of addresses) {
    const result = await connectOnce(address, port, timeoutMs);
    if (result.ok) return result;
    last = result;
  }
  return last;
}
