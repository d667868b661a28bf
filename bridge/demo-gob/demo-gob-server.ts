/**
 * The embedded gob demo: Go's net/rpc with its default codec over TCP, as
 * `rpc.ServeConn` serves it, with the same services as the jsonrpc demo and
 * the same glass box (steps 4–9 reported). `e2e/gob.spec.ts` compares its
 * answers with e2e/go-server's `-codec gob`.
 */
import { type DemoServer, listenDemo } from '../demo/listen-demo';
import type { ServerStepsObserver } from '../demo/server-steps';
import { createServices } from '../demo/services';
import { serveGobConnection } from './gob-connection';

/** Port 0 picks a free port; rejects with Node's listen error (EADDRINUSE, …). */
export function startDemoGobServer(options: {
  host: string;
  port: number;
  onServerSteps?: ServerStepsObserver;
}): Promise<DemoServer> {
  return listenDemo(options, (sleep) => {
    const services = createServices(sleep);
    return (socket) => serveGobConnection(socket, services, options.onServerSteps);
  });
}
