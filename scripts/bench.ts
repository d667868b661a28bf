import { benchCalls } from './bench/calls';
import { benchFramer } from './bench/framer';

/** `npm run bench`: every figure is printed as a ratio against a baseline measured in the same run. */
async function main(): Promise<void> {
  console.log(`RPC Playground benchmarks — node ${process.version}, ${new Date().toISOString()}`);
  console.log('\n# Framing');
  for (const line of benchFramer()) console.log(line);
  console.log('\n# Calls to a real Go net/rpc/jsonrpc server (ServiceA.Add)');
  for (const line of await benchCalls()) console.log(line);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
