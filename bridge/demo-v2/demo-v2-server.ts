/**
 * The embedded JSON-RPC 2.0 demo server: the demo's services over TCP with
 * newline-delimited framing, batches and notifications. `startBridge` runs it
 * next to the Go-dialect demo, on `--demo2-port`.
 */
import { type DemoServer, listenDemo } from '../demo/listen-demo';
import { serveV2Connection } from './connection';
import { createV2Services } from './methods';

/** Port 0 picks a free port; rejects with Node's listen error (EADDRINUSE, …). */
export function startDemoV2Server(options: { host: string; port: number }): Promise<DemoServer> {
  return listenDemo(options, (sleep) => {
    const services = createV2Services(sleep);
    return (socket) => serveV2Connection(socket, services);
  });
}
