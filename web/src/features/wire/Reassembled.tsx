import { formatOffset, readableText } from '../../../../shared/wire/hex-rows';
import { coveredBytes, partsOf } from '../../../../shared/wire/message-spans';
import { formatSize, shownBytes } from '../../../../shared/wire/truncation';
import type { WireMessage } from '../../stores/wire-store';
import { messageKind } from './WireRowView';
import { chunkRange, type Stream, streamKey } from './wire-layout';
import type { WireTexts } from './wire-texts';

/** The message's bytes joined from its parts, up to `limit`: a 1 MiB reply is not decoded whole to show a preview. */
function joinedText(stream: Stream, message: WireMessage, limit: number): string {
  const ranges = stream.chunks.map(chunkRange);
  const pieces: Uint8Array[] = [];
  let budget = limit;
  for (const part of partsOf(message, ranges)) {
    if (budget <= 0) break;
    const chunk = stream.chunks[part.chunk];
    if (!chunk) continue;
    const length = Math.min(part.end - part.start, budget);
    pieces.push(chunk.bytes.subarray(part.offsetInChunk, part.offsetInChunk + length));
    budget -= length;
  }
  const joined = new Uint8Array(limit - budget);
  let at = 0;
  for (const piece of pieces) {
    joined.set(piece, at);
    at += piece.length;
  }
  return readableText(joined);
}

/** Each focused message whole, with the chunks that carried its parts. */
export function Reassembled({
  t,
  messages,
  streams,
  callLabel,
}: {
  t: WireTexts;
  messages: readonly WireMessage[];
  streams: ReadonlyMap<string, Stream>;
  callLabel(key: string | null): string | null;
}) {
  return (
    <section className="wire-reassembled" aria-label={t.reassembled}>
      <h3 className="wire-subtitle">{t.reassembled}</h3>
      {messages.length === 0 && <p className="panel-note">{t.reassembledHint}</p>}
      {messages.map((message) => {
        const stream = streams.get(streamKey(message.conn, message.direction));
        if (!stream) return null;
        const parts = partsOf(message, stream.chunks.map(chunkRange));
        const size = message.end - message.start;
        const missing = size - coveredBytes(parts);
        const { shown } = shownBytes(size, null);
        const label = callLabel(message.callKey);
        const name = `${messageKind(t, message)}${label === null ? '' : `, ${label}`}`;
        return (
          <article
            key={message.seq}
            className={`wire-message dir-${message.direction}`}
            aria-label={name}
          >
            <p className="wire-message-head">
              <strong>{name}</strong> · {t.parts(formatSize(size), parts.length)}
            </p>
            <ol className="wire-parts">
              {parts.map((part, i) => (
                <li key={part.start}>
                  {t.part(
                    i + 1,
                    stream.chunks[part.chunk]?.seq ?? -1,
                    formatOffset(part.offsetInChunk),
                    formatSize(part.end - part.start),
                  )}
                </li>
              ))}
            </ol>
            {missing > 0 && <p className="panel-note">{t.missing(formatSize(missing))}</p>}
            <pre className="code wire-joined">{joinedText(stream, message, shown)}</pre>
            {shown < size && (
              <p className="panel-note">{t.textCut(formatSize(shown), formatSize(size))}</p>
            )}
          </article>
        );
      })}
    </section>
  );
}
