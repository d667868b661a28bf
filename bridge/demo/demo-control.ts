import type { DemoName } from '../../shared/protocol/bridge-protocol';
import type { DemoServer } from './listen-demo';

export type DemoRunning = Record<DemoName, boolean>;

/**
 * The embedded demo servers as pages stop and start them, so a class can see
 * what a server that goes away mid-call does to the calls in flight. Every
 * page hears each change; a demo the bridge does not run counts as stopped.
 */
export class DemoControl {
  private readonly listeners = new Set<(running: DemoRunning) => void>();

  constructor(
    private readonly servers: Readonly<Partial<Record<DemoName, DemoServer>>>,
    private readonly log: (line: string) => void,
  ) {}

  running(): DemoRunning {
    return {
      demo: this.servers.demo?.running ?? false,
      demo2: this.servers.demo2?.running ?? false,
      demoGob: this.servers.demoGob?.running ?? false,
    };
  }

  /** Stops or starts one demo server for `who`; a problem is one plain sentence. */
  async set(name: DemoName, running: boolean, who: string): Promise<string | null> {
    const server = this.servers[name];
    if (server === undefined) return `This bridge runs no demo server "${name}".`;
    if (server.running === running) return null;
    const where = `${server.host}:${server.port}`;
    try {
      await (running ? server.start() : server.stop());
    } catch (error) {
      const problem = `The demo server ${where} could not start again: ${(error as Error).message}`;
      this.log(`demo: ${who}: ${problem}`);
      return problem;
    }
    this.log(`demo: ${who} ${running ? 'started' : 'stopped'} the demo server ${where}`);
    const state = this.running();
    for (const listener of this.listeners) listener(state);
    return null;
  }

  /** Hears every change; returns the unsubscribe. */
  onChange(listener: (running: DemoRunning) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
