import { benchBurst } from './bench/burst';
import { benchCalls } from './bench/calls';
import { benchCodec } from './bench/codec';
import { benchFramer } from './bench/framer';
import { benchFrames } from './bench/frames';
import { benchLoad } from './bench/load';
import { benchLoneCall } from './bench/lone-call';
import { benchSequence } from './bench/sequence';
import { benchSession } from './bench/session';
import { benchWebsockify } from './bench/websockify';

/** `npm run bench`: every figure is printed as a ratio against a baseline measured in the same run. */
async function main(): Promise<void> {
  console.log(`RPC Playground benchmarks — node ${process.version}, ${new Date().toISOString()}`);
  console.log('\n# Framing');
  for (const line of await benchFramer()) console.log(line);
  console.log('\n# Codec: marshalling a burst and decoding its Go replies');
  for (const line of await benchCodec()) console.log(line);
  console.log('\n# Session files: export and open a page of 10,000 calls');
  for (const line of await benchSession()) console.log(line);
  console.log("\n# The sequence diagram's model, rebuilt on each redraw during a burst");
  for (const line of benchSequence()) console.log(line);
  console.log('\n# Calls to a real Go net/rpc/jsonrpc server (ServiceA.Add)');
  for (const line of await benchCalls()) console.log(line);
  console.log('\n# Our bridge against websockify, both relaying to the Go server (ServiceA.Add)');
  for (const line of await benchWebsockify()) console.log(line);
  console.log('\n# Load: 200 pages × 10 TCP connections, calls for 30 s (Go server)');
  for (const line of await benchLoad()) console.log(line);
  console.log('\n# Page frames, 500 Demo.Sleep calls in flight (Chromium)');
  for (const line of await benchFrames()) console.log(line);
  console.log('\n# A lone call, click to answer, against a bare page (Chromium)');
  for (const line of await benchLoneCall()) console.log(line);
  console.log('\n# A burst of 10,000 ServiceA.Add calls from the page to the Go server (Chromium)');
  for (const line of await benchBurst()) console.log(line);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
