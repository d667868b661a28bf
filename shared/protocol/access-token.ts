/**
 * The per-launch access token (Jupyter-style). The bridge prints it once in
 * the page URL's fragment (never sent to a server, so never in a log); the
 * page presents it on the WebSocket upgrade as a second offered subprotocol,
 * which the bridge checks and never selects.
 */

/** What the page is told when it presents no token or a wrong one (it words them in its language). */
export const NO_TOKEN_REASON =
  'this page presented no access token; open the URL the bridge printed (it ends in #token=…)';
export const WRONG_TOKEN_REASON =
  "this page's access token was refused; open the URL the bridge printed (the bridge may have restarted with a new token)";

/** Offered beside SUBPROTOCOL: `rpc-playground.token.<token>`. */
export const TOKEN_PROTOCOL_PREFIX = 'rpc-playground.token.';
/** The fragment key in the printed URL: `http://127.0.0.1:7420/#token=…`. */
export const TOKEN_FRAGMENT_KEY = 'token';
/** Same-origin endpoint that tells a refused page why (a browser cannot read a 403 on an upgrade). */
export const ACCESS_CHECK_PATH = '/bridge/access';
/** Header carrying the token to ACCESS_CHECK_PATH. */
export const TOKEN_HEADER = 'x-rpc-playground-token';

/**
 * Characters allowed in a subprotocol (RFC 7230 tchar) minus the ones a
 * fragment would need escaped; base64url fits. Length bounds keep guessing
 * hopeless and headers small.
 */
const TOKEN_PATTERN = /^[A-Za-z0-9._~-]{16,256}$/;

export function isValidToken(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}

/** A sentence saying why `token` cannot be used, or null if it can. */
export function describeBadToken(token: string): string | null {
  if (token.length < 16) return 'a token needs at least 16 characters';
  if (token.length > 256) return 'a token may have at most 256 characters';
  if (!isValidToken(token)) return 'a token may use only letters, digits and . _ ~ -';
  return null;
}

export function tokenProtocol(token: string): string {
  return `${TOKEN_PROTOCOL_PREFIX}${token}`;
}

/** The token offered in a Sec-WebSocket-Protocol header value, or null if none (or several). */
export function tokenFromProtocols(header: string | undefined): string | null {
  const offered = (header ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.startsWith(TOKEN_PROTOCOL_PREFIX));
  if (offered.length !== 1 || offered[0] === undefined) return null;
  return offered[0].slice(TOKEN_PROTOCOL_PREFIX.length);
}

/** The token in a URL fragment such as `#token=abc` or `#x=1&token=abc`, or null. */
export function tokenFromFragment(hash: string): string | null {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  for (const part of text.split('&')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq) === TOKEN_FRAGMENT_KEY) {
      const value = part.slice(eq + 1);
      return isValidToken(value) ? value : null;
    }
  }
  return null;
}

/** The fragment with the token removed ('' when nothing else was in it). */
export function fragmentWithoutToken(hash: string): string {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  const rest = text
    .split('&')
    .filter((part) => part !== '' && !part.startsWith(`${TOKEN_FRAGMENT_KEY}=`));
  return rest.length > 0 ? `#${rest.join('&')}` : '';
}
