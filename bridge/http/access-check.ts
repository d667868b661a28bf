import type { IncomingMessage, ServerResponse } from 'node:http';
import { TOKEN_HEADER } from '../../shared/protocol/access-token';
import { checkAccess, type UpgradeContext } from './upgrade-policy';

/**
 * GET ACCESS_CHECK_PATH with the token in TOKEN_HEADER: 204 when the page may
 * open the WebSocket, 403 with the reason as one line of text otherwise.
 */
export function answerAccessCheck(
  req: IncomingMessage,
  res: ServerResponse,
  context: UpgradeContext,
): void {
  if (req.method !== 'GET') {
    res.writeHead(405, { Allow: 'GET', 'Content-Length': 0 });
    res.end();
    return;
  }
  const header = req.headers[TOKEN_HEADER];
  const decision = checkAccess(
    {
      host: req.headers.host,
      origin: req.headers.origin,
      token: typeof header === 'string' ? header : undefined,
    },
    context,
  );
  const common = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };
  if (decision.ok) {
    res.writeHead(204, common);
    res.end();
    return;
  }
  const body = `${decision.reason}\n`;
  res.writeHead(decision.status, {
    ...common,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}
