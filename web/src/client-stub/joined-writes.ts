/**
 * A Go-mode burst slice leaves in few bridge writes rather than one per call:
 * each write is a WebSocket message to the bridge and a `written` ack back,
 * which cost the page more than marshalling the call. Consecutive requests
 * are joined up to `maxBytes` per write (a request larger than that goes
 * alone), so a joined write stays well under the bridge's message limit.
 */

/** One marshalled request: its bytes and the call keys it carries (several for a JSON-RPC 2.0 batch). */
export type RequestBytes<T> = { bytes: Uint8Array; item: T };

/** A request's bytes inside a joined write: [start, end) from the write's first byte. */
export type JoinedPart<T> = { start: number; end: number; item: T };

export type JoinedWrite<T> = { bytes: Uint8Array; parts: JoinedPart<T>[] };

export function joinWrites<T>(
  requests: readonly RequestBytes<T>[],
  maxBytes: number,
): JoinedWrite<T>[] {
  const groups: RequestBytes<T>[][] = [];
  let group: RequestBytes<T>[] = [];
  let groupBytes = 0;
  for (const request of requests) {
    if (group.length > 0 && groupBytes + request.bytes.length > maxBytes) {
      groups.push(group);
      group = [];
      groupBytes = 0;
    }
    group.push(request);
    groupBytes += request.bytes.length;
  }
  if (group.length > 0) groups.push(group);
  return groups.map(join);
}

function join<T>(group: readonly RequestBytes<T>[]): JoinedWrite<T> {
  const only = group.length === 1 ? group[0] : undefined;
  // A lone request keeps its own buffer: a single Send is written as marshalled.
  if (only)
    return { bytes: only.bytes, parts: [{ start: 0, end: only.bytes.length, item: only.item }] };
  let total = 0;
  for (const request of group) total += request.bytes.length;
  const bytes = new Uint8Array(total);
  const parts: JoinedPart<T>[] = [];
  let offset = 0;
  for (const request of group) {
    bytes.set(request.bytes, offset);
    parts.push({ start: offset, end: offset + request.bytes.length, item: request.item });
    offset += request.bytes.length;
  }
  return { bytes, parts };
}
