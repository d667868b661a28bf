import type { Target } from '../../shared/protocol/bridge-protocol';
import type { ServerStepsReport } from '../demo/server-steps';

/**
 * Routes the glass-box demo's reports to the page connection they belong to.
 * The demo sees a bridge TCP socket from its other end: the demo's peer
 * address and port are that socket's local address and port, which are
 * unique while it is open. A report from any other client of the demo (a
 * script, a Go client) has no route and is dropped.
 */
export class ServerStepsRouter {
  private readonly routes = new Map<string, (report: ServerStepsReport) => void>();

  /** Routes reports for the socket whose local end is `local`; returns the unrouter. */
  route(local: Target, deliver: (report: ServerStepsReport) => void): () => void {
    const key = routeKey(local);
    this.routes.set(key, deliver);
    return () => {
      if (this.routes.get(key) === deliver) this.routes.delete(key);
    };
  }

  /** The demo's observer: hands the report to the page connection it came from, if any. */
  readonly deliver = (report: ServerStepsReport): void => {
    this.routes.get(routeKey(report.peer))?.(report);
  };

  get size(): number {
    return this.routes.size;
  }
}

/** IPv4-mapped IPv6 ("::ffff:127.0.0.1") and plain IPv4 name the same socket end. */
function routeKey({ host, port }: Target): string {
  const bare = host.toLowerCase().startsWith('::ffff:') ? host.slice(7) : host;
  return `${bare} ${port}`;
}
