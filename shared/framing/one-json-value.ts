import { JsonStreamFramer } from './json-stream';

// One framer serves every check, so checking a line or a body allocates no framer.
const framer = new JsonStreamFramer();

/**
 * Checks that a payload framed by something else (a line, a Content-Length
 * body) holds exactly one JSON value, whitespace around it allowed (FM5).
 * Returns null when it does, else the reason, naming absolute offsets when
 * `startOffset` is the payload's offset in the stream.
 */
export function oneJsonValueProblem(bytes: Uint8Array, startOffset: number): string | null {
  framer.restart(startOffset);
  const events = framer.push(bytes);
  const last = framer.end();
  if (last) events.push(last);
  const [first, second] = events;
  if (first === undefined) return 'no JSON value (only whitespace)';
  if (first.kind === 'error') {
    // The payload, not the stream, ended: say so.
    return first.code === 'truncated'
      ? first.reason
          .replace(/^stream ended/, 'the payload ends')
          .replace(' (truncated message)', '')
      : first.reason;
  }
  if (second !== undefined) {
    return second.kind === 'error'
      ? second.reason
      : `more than one JSON value: a second one starts at offset ${second.start}`;
  }
  return null;
}
