import { useVirtualizer } from '@tanstack/react-virtual';
import { useDeferredValue, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { useStore } from 'zustand';
import { formatSize } from '../../../../shared/wire/truncation';
import { useApp } from '../../app/app-context';
import { followsEnd, type ScrollPlace } from '../../app/follow-end';
import { useLanguage } from '../../i18n/use-messages';
import type { DirectionFilter, WireMessage } from '../../stores/wire-store';
import { Reassembled } from './Reassembled';
import { WireRowView } from './WireRowView';
import { firstRowOfCall, layoutWire, rowAt, rowOfChunk, rowTotal, streamKey } from './wire-layout';
import { WIRE_TEXTS } from './wire-texts';
import './wire.css';

const ROW_HEIGHT_PX = 18;

/** The Wire region: every chunk both ways as offset | hex | text, messages marked, linked to the calls. */
export function WireView() {
  const t = WIRE_TEXTS[useLanguage()];
  const { wire, calls } = useApp();
  // Chunks are appended in place; `version` says when they changed. Deferred: a burst brings
  // thousands of changes, and React lays the dump out again only when it has time.
  const version = useDeferredValue(useStore(wire, (s) => s.version));
  const chunks = useStore(wire, (s) => s.chunks);
  const messages = useStore(wire, (s) => s.messages);
  const firstAt = useStore(wire, (s) => s.firstAt);
  const keptBytes = useStore(wire, (s) => s.keptBytes);
  const dropped = useStore(wire, (s) => s.dropped);
  const direction = useStore(wire, (s) => s.direction);
  const selectedCallOnly = useStore(wire, (s) => s.selectedCallOnly);
  const selectedMessage = useStore(wire, (s) => s.selectedMessage);
  const shownLimits = useStore(wire, (s) => s.shownLimits);
  const selectedKey = useStore(calls, (s) => s.selectedKey);
  const callList = useStore(calls, (s) => s.calls);
  // Names a call the way the call list does, for the bytes' accessible names. A call's method
  // and id never change, so only calls added or forgotten (the ends of the list) need new labels.
  const firstKey = callList[0]?.key;
  const lastKey = callList.at(-1)?.key;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the ends stand for the list, which is only appended to and forgotten from the front.
  const callLabels = useMemo(
    () => new Map(callList.map((call) => [call.key, `${call.method} id ${call.idText}`])),
    [firstKey, lastKey],
  );
  const callLabel = (key: string | null) => (key === null ? null : (callLabels.get(key) ?? key));
  const selectCall = useStore(calls, (s) => s.select);
  const { setDirection, setSelectedCallOnly, selectMessage, showMore } = wire.getState();

  const onlyCall = selectedCallOnly ? selectedKey : null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: version stands for the arrays mutated in place.
  const layout = useMemo(
    () => layoutWire({ chunks, messages, direction, onlyCall, shownLimits }),
    [chunks, messages, direction, onlyCall, shownLimits, version],
  );

  // The message picked in the dump while its call stays selected, else every message of the selected call.
  // biome-ignore lint/correctness/useExhaustiveDependencies: version stands for the arrays mutated in place.
  const focused = useMemo((): WireMessage[] => {
    const picked = messages.find((m) => m.seq === selectedMessage);
    if (picked && (picked.callKey === null || picked.callKey === selectedKey)) return [picked];
    return selectedKey === null ? [] : messages.filter((m) => m.callKey === selectedKey);
  }, [messages, selectedMessage, selectedKey, version]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const followEnd = useRef(true);
  const lastPlace = useRef<ScrollPlace>({ scrollTop: 0, scrollHeight: 0 });
  /** Set while a click in the dump selects the call, so the dump does not jump to its request. */
  const pickedHere = useRef(false);
  const count = rowTotal(layout);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT_PX,
    overscan: 12,
  });

  useEffect(() => {
    if (count > 0 && followEnd.current) virtualizer.scrollToIndex(count - 1, { align: 'end' });
  }, [count, virtualizer]);

  // Read from where the person is: the chunk at the top of the view, and how far into it.
  const anchor = useRef<{ seq: number; px: number } | null>(null);
  // When the oldest chunks are dropped (or a chunk above grows), the rows above the view change
  // while the scroll offset does not: put the same bytes back at the top, before the paint.
  useLayoutEffect(() => {
    const box = scrollRef.current;
    const at = anchor.current;
    if (!box || !at || followEnd.current) return;
    const row = rowOfChunk(layout, at.seq);
    if (row === null) return;
    const top = row * ROW_HEIGHT_PX + at.px;
    if (Math.abs(box.scrollTop - top) >= 1) box.scrollTop = top;
  }, [layout]);

  // A call selected elsewhere (the list, the diagram) brings its first bytes into view.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new selection moves the view, not new chunks.
  useEffect(() => {
    if (pickedHere.current || selectedKey === null) {
      pickedHere.current = false;
      return;
    }
    const row = firstRowOfCall(layout, selectedKey);
    if (row !== null) {
      followEnd.current = false;
      virtualizer.scrollToIndex(row, { align: 'start' });
    }
  }, [selectedKey]);

  const onScroll = () => {
    const box = scrollRef.current;
    if (!box) return;
    followEnd.current = followsEnd(followEnd.current, box, lastPlace.current, ROW_HEIGHT_PX * 2);
    lastPlace.current = { scrollTop: box.scrollTop, scrollHeight: box.scrollHeight };
    const top = rowAt(layout, Math.floor(box.scrollTop / ROW_HEIGHT_PX), shownLimits);
    const row = top && rowOfChunk(layout, top.chunk.seq);
    anchor.current =
      top && row !== null ? { seq: top.chunk.seq, px: box.scrollTop - row * ROW_HEIGHT_PX } : null;
  };

  // Reading a chunk further: the dump must stay where the person is, not jump to the end.
  const onShowMore = (chunkSeq: number) => {
    followEnd.current = false;
    showMore(chunkSeq);
  };

  const onPick = (message: WireMessage) => {
    selectMessage(message.seq);
    if (message.callKey !== null && message.callKey !== selectedKey) {
      pickedHere.current = true;
      selectCall(message.callKey);
    }
  };

  return (
    <section className="panel wire" aria-label={t.wire}>
      <div className="panel-head wire-head">
        <h2 className="panel-title">{t.wire}</h2>
        <span className="panel-note">{t.chunkCount(chunks.length, formatSize(keptBytes))}</span>
      </div>
      <div className="wire-filters">
        <label>
          {t.direction}{' '}
          <select
            value={direction}
            onChange={(event) => setDirection(event.target.value as DirectionFilter)}
          >
            <option value="all">{t.all}</option>
            <option value="sent">{t.sent}</option>
            <option value="received">{t.received}</option>
          </select>
        </label>
        <label>
          <input
            type="checkbox"
            checked={selectedCallOnly}
            onChange={(event) => setSelectedCallOnly(event.target.checked)}
          />{' '}
          {t.selectedCallOnly}
        </label>
      </div>
      {dropped.chunks > 0 && (
        <p className="wire-dropped" role="note">
          {t.dropped(dropped.chunks, formatSize(dropped.bytes))}
        </p>
      )}
      <div className="wire-body">
        <div className="wire-scroll" ref={scrollRef} onScroll={onScroll}>
          {count === 0 ? (
            <p className="panel-note">{t.empty}</p>
          ) : (
            <ul
              aria-label={t.bytes}
              className="wire-rows"
              style={{ height: `${virtualizer.getTotalSize()}px` }}
            >
              {virtualizer.getVirtualItems().map((item) => {
                const row = rowAt(layout, item.index, shownLimits);
                if (!row) return null;
                const { chunk } = row;
                return (
                  <li
                    key={item.key}
                    aria-setsize={count}
                    aria-posinset={item.index + 1}
                    className="wire-row"
                    style={{ transform: `translateY(${item.start}px)`, height: `${item.size}px` }}
                  >
                    <WireRowView
                      row={row}
                      context={{
                        t,
                        stream: layout.streams.get(streamKey(chunk.conn, chunk.direction)),
                        firstAt,
                        previousAt: layout.previousAt.get(chunk.seq) ?? null,
                        selectedKey,
                        selectedMessage,
                        callLabel,
                        onPick,
                        onShowMore,
                      }}
                    />
                  </li>
                );
              })}
            </ul>
          )}
        </div>
        <Reassembled t={t} messages={focused} streams={layout.streams} callLabel={callLabel} />
      </div>
    </section>
  );
}
