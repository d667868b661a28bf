/**
 * The embedded demo server: Go's net/rpc/jsonrpc over TCP, answering byte for
 * byte as e2e/go-server does (checked by e2e/differential.spec.ts).
 */
import { serveConnection } from './connection';
import { type DemoServer, listenDemo } from './listen-demo';
import type { ServerStepsObserver } from './server-steps';
import { createServices } from './services';

export type { DemoServer };

/** Port 0 picks a free port; rejects with Node's listen error (EADDRINUSE, …). */
export function startDemoServer(options: {
  host: string;
  port: number;
  /** Hears steps 4–9 of every call (bridge clock), with the client's address and port. */
  onServerSteps?: ServerStepsObserver;
}): Promise<DemoServer> {
  return listenDemo(options, (sleep) => {
    const services = createServices(sleep);
    return (socket) => serveConnection(socket, services, options.onServerSteps);
  });
}
