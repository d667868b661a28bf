import {
  NO_TOKEN_REASON,
  tokenFromProtocols,
  WRONG_TOKEN_REASON,
} from '../../shared/protocol/access-token';
import { BRIDGE_PATH, SUBPROTOCOL } from '../../shared/protocol/bridge-protocol';
import { stripBrackets } from '../policy/addresses';
import { tokensMatch } from './token-compare';

/**
 * Who may open the bridge's WebSocket, decided from the upgrade request's
 * headers before anything is allocated. Threat: binding to loopback does not
 * stop a browser, so any web page could open ws://127.0.0.1:PORT; and a DNS
 * rebinding page reaches us under its own name. Hence Host must be one of our
 * names with our port, and Origin must be the origin we serve (or one the user
 * allowed by flag). Another local user or program is not a browser page and
 * can forge both headers, hence the per-launch token as well.
 */

export type UpgradeHeaders = {
  url: string | undefined;
  host: string | undefined;
  origin: string | undefined;
  protocols: string | undefined;
};

export type UpgradeContext = {
  port: number;
  /** Host names the page may reach us by: loopback names, plus a non-loopback bind address. */
  hostNames: readonly string[];
  /** Origins beyond our own, from --allow-origin. */
  allowedOrigins: readonly string[];
  /** The per-launch access token the page must present. */
  token: string;
};

export type UpgradeDecision = { ok: true } | { ok: false; status: 400 | 403 | 404; reason: string };

export const LOOPBACK_NAMES: readonly string[] = ['127.0.0.1', 'localhost', '::1'];

function splitHost(hostHeader: string): { name: string; port: number } | null {
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d{1,5}))?$/.exec(hostHeader.trim().toLowerCase());
  if (!match?.[1]) return null;
  return { name: stripBrackets(match[1]), port: match[2] ? Number(match[2]) : 80 };
}

function ourOrigins(context: UpgradeContext): string[] {
  return context.hostNames.map((name) => {
    const host = name.includes(':') ? `[${name}]` : name;
    return `http://${host}:${context.port}`;
  });
}

/** Host and, when present or required, Origin: the checks shared by the upgrade and the access check. */
function checkHostAndOrigin(
  headers: Pick<UpgradeHeaders, 'host' | 'origin'>,
  context: UpgradeContext,
  originRequired: boolean,
): UpgradeDecision {
  const host = headers.host ? splitHost(headers.host) : null;
  if (!host || !context.hostNames.includes(host.name) || host.port !== context.port) {
    return {
      ok: false,
      status: 403,
      reason: `Host "${headers.host ?? ''}" is not this bridge; open it as http://127.0.0.1:${context.port}/`,
    };
  }
  const origin = headers.origin?.toLowerCase();
  if (!origin) {
    return originRequired
      ? { ok: false, status: 403, reason: 'missing Origin header' }
      : { ok: true };
  }
  if (!ourOrigins(context).includes(origin) && !context.allowedOrigins.includes(origin)) {
    return {
      ok: false,
      status: 403,
      reason: `Origin "${headers.origin}" is not allowed; start the bridge with --allow-origin ${headers.origin} to allow it`,
    };
  }
  return { ok: true };
}

/** The token check, in constant time; `offered` undefined means none was presented. */
export function checkToken(
  offered: string | null | undefined,
  context: UpgradeContext,
): UpgradeDecision {
  if (!offered) return { ok: false, status: 403, reason: NO_TOKEN_REASON };
  if (!tokensMatch(context.token, offered)) {
    return { ok: false, status: 403, reason: WRONG_TOKEN_REASON };
  }
  return { ok: true };
}

export function checkUpgrade(headers: UpgradeHeaders, context: UpgradeContext): UpgradeDecision {
  const path = (headers.url ?? '').split('?')[0];
  if (path !== BRIDGE_PATH) {
    return {
      ok: false,
      status: 404,
      reason: `no WebSocket endpoint at ${path}; use ${BRIDGE_PATH}`,
    };
  }
  const hostAndOrigin = checkHostAndOrigin(headers, context, true);
  if (!hostAndOrigin.ok) return hostAndOrigin;
  const offered = (headers.protocols ?? '').split(',').map((p) => p.trim());
  if (!offered.includes(SUBPROTOCOL)) {
    return {
      ok: false,
      status: 400,
      reason: `the client must offer the WebSocket subprotocol ${SUBPROTOCOL}`,
    };
  }
  return checkToken(tokenFromProtocols(headers.protocols), context);
}

/**
 * The same-origin access check a refused page asks (a browser cannot read the
 * 403 of a WebSocket upgrade). A cross-origin page cannot read the answer (no
 * CORS headers) and the token header forces a preflight we never approve.
 */
export function checkAccess(
  headers: Pick<UpgradeHeaders, 'host' | 'origin'> & { token: string | undefined },
  context: UpgradeContext,
): UpgradeDecision {
  const hostAndOrigin = checkHostAndOrigin(headers, context, false);
  if (!hostAndOrigin.ok) return hostAndOrigin;
  return checkToken(headers.token, context);
}
