import { createServer } from 'node:http';
import { connect } from 'node:net';
import { WebSocketServer } from 'ws';
import { BusyPoll } from '../../../bridge/busy-poll';

/**
 * The floor of a relay written like ours: `ws` on one side, a TCP socket on
 * the other, the bridge's own polling (bridge/busy-poll.ts), and nothing else:
 * no protocol, no acks, no times, no checks. The bytes go as binary messages,
 * as websockify sends them. Listens on 127.0.0.1, prints its port, relays to
 * 127.0.0.1:TARGET_PORT. Started by floor/relays.ts for the bench only.
 */
const [targetPort, pollUs] = process.argv.slice(2).map(Number);
if (!targetPort || pollUs === undefined || Number.isNaN(pollUs)) {
  console.error('usage: node-relay TARGET_PORT POLL_US');
  process.exit(2);
}
const poll = new BusyPoll(pollUs / 1000);
const server = createServer();
const wss = new WebSocketServer({ server, perMessageDeflate: false });
wss.on('connection', (ws) => {
  const tcp = connect({ host: '127.0.0.1', port: targetPort, noDelay: true });
  ws.on('message', (data: Buffer) => {
    tcp.write(data);
    poll.touch();
  });
  tcp.on('data', (chunk) => {
    ws.send(chunk);
    poll.touch();
  });
  ws.on('close', () => tcp.destroy());
  ws.on('error', () => tcp.destroy());
  tcp.on('close', () => ws.terminate());
  tcp.on('error', () => {});
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') console.log(`PORT ${address.port}`);
});
