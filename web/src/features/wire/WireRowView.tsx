import { Fragment } from 'react';
import { formatMs } from '../../../../shared/steps/step-catalogue';
import { BYTES_PER_ROW, formatOffset, hexRow } from '../../../../shared/wire/hex-rows';
import { segmentsOf } from '../../../../shared/wire/message-spans';
import { formatSize } from '../../../../shared/wire/truncation';
import type { WireMessage } from '../../stores/wire-store';
import type { Stream, WireRow } from './wire-layout';
import type { WireTexts } from './wire-texts';

export type RowContext = {
  t: WireTexts;
  stream: Stream | undefined;
  firstAt: number | null;
  previousAt: number | null;
  selectedKey: string | null;
  selectedMessage: number | null;
  /** "ServiceA.Add id 0" for a call key. */
  callLabel(key: string | null): string | null;
  onPick(message: WireMessage): void;
  onShowMore(chunkSeq: number): void;
};

export function messageKind(t: WireTexts, message: WireMessage): string {
  if (message.callKey === null) return t.stray;
  return message.direction === 'sent' ? t.request : t.reply;
}

const signed = (ms: number) => `${ms < 0 ? '−' : '+'}${formatMs(Math.abs(ms))}`;

/** One row of the dump: a chunk's header, 16 of its bytes, or the notice of what is not shown. */
export function WireRowView({ row, context }: { row: WireRow; context: RowContext }) {
  const { t } = context;
  const { chunk } = row;
  if (row.kind === 'header') {
    const { at } = chunk;
    return (
      <div className={`wire-header dir-${chunk.direction}`}>
        <span className="wire-dir">
          {chunk.direction === 'sent' ? t.sentArrow : t.receivedArrow}
        </span>
        <span>{t.chunk(chunk.seq)}</span>
        <span>{t.conn(chunk.conn)}</span>
        {chunk.writeId !== null && <span>{t.write(chunk.writeId)}</span>}
        <span className="wire-size">{formatSize(chunk.bytes.length)}</span>
        {at === null || context.firstAt === null ? (
          <span className="wire-time">{t.notWrittenYet}</span>
        ) : (
          <>
            <span className="wire-time" title={t.fromFirst}>
              {signed(at - context.firstAt)}
            </span>
            {context.previousAt !== null && (
              <span className="wire-time" title={t.fromPrevious}>
                Δ {signed(at - context.previousAt)}
              </span>
            )}
          </>
        )}
      </div>
    );
  }
  if (row.kind === 'notice') {
    return (
      <div className="wire-notice">
        <span>
          {t.truncated(
            formatSize(row.shown),
            formatSize(chunk.bytes.length),
            formatSize(row.hidden),
            formatOffset(chunk.streamOffset + row.shown),
          )}
        </span>
        <button type="button" onClick={() => context.onShowMore(chunk.seq)}>
          {t.showMore}
        </button>
      </div>
    );
  }
  const line = hexRow(chunk.streamOffset, chunk.bytes, row.row);
  const count = Math.min(BYTES_PER_ROW, chunk.bytes.length - row.row * BYTES_PER_ROW);
  const segments = segmentsOf(
    { start: line.offset, end: line.offset + count },
    context.stream?.messages ?? [],
  );
  return (
    <div className={`wire-bytes dir-${chunk.direction}`}>
      <span className="wire-offset">{formatOffset(line.offset)}</span>
      <span className="wire-hex">
        {segments.map((segment, index) => {
          const from = segment.start - line.offset;
          const to = segment.end - line.offset;
          const hex = line.hex.slice(from * 3, to * 3 - 1);
          const message = context.stream?.messages[segment.message];
          const edges = `${segment.opens ? ' opens' : ''}${segment.closes ? ' closes' : ''}`;
          // A real space between segments, so the row reads (and copies) as one hex string.
          const gap = index > 0 ? ' ' : '';
          if (!message) {
            return (
              <Fragment key={segment.start}>
                {gap}
                <span className="seg">{hex}</span>
              </Fragment>
            );
          }
          const mine = message.callKey !== null && message.callKey === context.selectedKey;
          const picked = message.seq === context.selectedMessage;
          return (
            <Fragment key={segment.start}>
              {gap}
              <button
                type="button"
                className={`seg msg${edges}${mine ? ' mine' : ''}${picked ? ' picked' : ''}`}
                aria-pressed={mine || picked}
                aria-label={context.t.messageName(
                  messageKind(context.t, message),
                  context.callLabel(message.callKey),
                  message.start,
                  message.end,
                )}
                onClick={() => context.onPick(message)}
              >
                {hex}
              </button>
            </Fragment>
          );
        })}
      </span>
      <span className="wire-text">
        {segments.map((segment) => {
          const message = context.stream?.messages[segment.message];
          const mine = message?.callKey != null && message.callKey === context.selectedKey;
          return (
            <span
              key={segment.start}
              className={`seg${message ? ' msg' : ''}${mine ? ' mine' : ''}`}
            >
              {line.text.slice(segment.start - line.offset, segment.end - line.offset)}
            </span>
          );
        })}
      </span>
    </div>
  );
}
