/** Which of our listening servers failed; each has its own port flag. */
export type ListenServer = 'bridge' | 'demo' | 'demo2' | 'demoGob';
const PORT_FLAG: Record<ListenServer, string> = {
  bridge: '--port',
  demo: '--demo-port',
  demo2: '--demo2-port',
  demoGob: '--demo-gob-port',
};

/** A listen failure that names which server and address it concerns. */
export class ListenError extends Error {
  constructor(
    readonly server: ListenServer,
    readonly host: string,
    readonly port: number,
    readonly code: string,
    cause: Error,
  ) {
    super(`${server} could not listen on ${host}:${port}: ${cause.message}`, { cause });
  }

  static from(server: ListenServer, host: string, port: number, error: unknown): ListenError {
    const cause = error instanceof Error ? error : new Error(String(error));
    const code = (cause as NodeJS.ErrnoException).code ?? 'ERROR';
    return new ListenError(server, host, port, code, cause);
  }
}

/** One line for the terminal, naming the flag that fixes it. */
export function describeListenError(error: ListenError): string {
  const flag = PORT_FLAG[error.server];
  const where = `port ${error.port} on ${error.host}`;
  switch (error.code) {
    case 'EADDRINUSE':
      return `error: ${where} is already in use (try ${flag} 0 or another port)`;
    case 'EACCES':
      return `error: not permitted to listen on ${where} (try ${flag} 0 or a port above 1023)`;
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return `error: ${error.host} is not an address of this machine (check --host)`;
    default:
      return `error: cannot listen on ${where}: ${(error.cause as Error).message}`;
  }
}
