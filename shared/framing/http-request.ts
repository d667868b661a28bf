/**
 * The client stub's side of JSON-RPC over HTTP/1.1: one POST per call (or
 * batch), kept alive so calls can be pipelined on one TCP connection (H1).
 */

const encoder = new TextEncoder();

export type HttpRequestOptions = {
  /** The Host header: the target as the user typed it, `host:port`. */
  host: string;
  /** Request target; `/` unless the server wants another path. */
  path?: string;
  body: string | Uint8Array;
  contentType?: string;
  /** false sends `Connection: close`: the server closes after answering. */
  keepAlive?: boolean;
};

export type HttpRequestResult =
  | { ok: true; bytes: Uint8Array; method: 'POST' }
  | { ok: false; problem: string };

/** Visible ASCII without spaces: what keeps a value from injecting a header or a request. */
const SAFE_TOKEN = /^[\x21-\x7e]+$/;
/** A header value: visible ASCII and inner spaces, never CR or LF. */
const SAFE_VALUE = /^[\x21-\x7e]([\x20-\x7e]*[\x21-\x7e])?$/;

/** Why `path` cannot be a request target, or null: it starts with / and holds no space or control byte. */
export function requestPathProblem(path: string): string | null {
  if (path.startsWith('/') && SAFE_TOKEN.test(path)) return null;
  return `path ${JSON.stringify(path)} must start with / and have no spaces`;
}

export function encodeHttpRequest(options: HttpRequestOptions): HttpRequestResult {
  const path = options.path ?? '/';
  const contentType = options.contentType ?? 'application/json';
  if (!SAFE_TOKEN.test(options.host)) {
    return {
      ok: false,
      problem: `Host ${JSON.stringify(options.host)} is not a valid header value`,
    };
  }
  const pathProblem = requestPathProblem(path);
  if (pathProblem !== null) return { ok: false, problem: pathProblem };
  if (!SAFE_VALUE.test(contentType)) {
    return {
      ok: false,
      problem: `Content-Type ${JSON.stringify(contentType)} is not a valid header value`,
    };
  }
  const body = typeof options.body === 'string' ? encoder.encode(options.body) : options.body;
  const head =
    `POST ${path} HTTP/1.1\r\n` +
    `Host: ${options.host}\r\n` +
    `Content-Type: ${contentType}\r\n` +
    `Content-Length: ${body.length}\r\n` +
    `Connection: ${options.keepAlive === false ? 'close' : 'keep-alive'}\r\n\r\n`;
  const headBytes = encoder.encode(head);
  const bytes = new Uint8Array(headBytes.length + body.length);
  bytes.set(headBytes);
  bytes.set(body, headBytes.length);
  return { ok: true, bytes, method: 'POST' };
}
