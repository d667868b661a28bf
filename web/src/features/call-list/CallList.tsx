import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { useApp } from '../../app/app-context';
import { followsEnd, type ScrollPlace } from '../../app/follow-end';
import { useMessages } from '../../i18n/use-messages';
import { replayCall } from '../../playback/replay-call';
import { animationFrames } from '../../playback/ticker';
import { CALL_STATUSES, type CallStatus, strayTotal } from '../../stores/calls-store';
import { paceUpdates } from '../../stores/pace-updates';
import { filterCalls, isFiltering } from './call-filter';
import { summariseCall, summariseCalls } from './call-summary';
import { createCallTally } from './call-tally';
import './call-list.css';
import { rowsGoneAbove } from './rows-gone-above';

const ROW_HEIGHT_PX = 40;
/** While calls stream in, the list scrolls to the newest at most this often, ms. */
const FOLLOW_INTERVAL_MS = 200;

export function CallList() {
  const t = useMessages();
  const { calls, playback } = useApp();
  const items = useStore(calls, (s) => s.calls);
  const selectedKey = useStore(calls, (s) => s.selectedKey);
  const select = useStore(calls, (s) => s.select);
  const filter = useStore(calls, (s) => s.filter);
  const setFilter = useStore(calls, (s) => s.setFilter);
  const filtering = isFiltering(filter);
  const shown = useMemo(() => filterCalls(items, filter), [items, filter]);
  const strayCount = useStore(calls, (s) => strayTotal(s.strayCounts));
  const forgotten = useStore(calls, (s) => s.forgottenCalls);
  // Counts only what changed since the last render: a burst re-renders this list every frame.
  const [tally] = useState(createCallTally);
  const scrollRef = useRef<HTMLDivElement>(null);
  // Live lists follow new calls only while the person has not scrolled up to read older ones.
  const followEnd = useRef(true);
  const lastPlace = useRef<ScrollPlace>({ scrollTop: 0, scrollHeight: 0 });
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT_PX,
    overscan: 8,
    // Following the end scrolls while calls stream in; rendering that scroll in its own synchronous pass
    // forced a layout each time. The rows follow in the next render instead, a frame at most later.
    useFlushSync: false,
  });

  // Each scroll lays the page out at once and brings new rows: on every frame of a burst of 10,000
  // that cost a tenth of the page's time (docs/benchmarks.md). A few scrolls a second read the same.
  useEffect(
    () =>
      paceUpdates({
        get: () => calls.getState().calls.length,
        subscribe: (listener) =>
          calls.subscribe((state, previous) => {
            if (state.calls.length !== previous.calls.length) listener();
          }),
        frames: animationFrames,
        intervalMs: FOLLOW_INTERVAL_MS,
        // Straight to the bottom: the virtualizer's scrollToIndex would re-check its target, with a
        // layout each time, on the frames after.
        deliver: () => {
          const box = scrollRef.current;
          if (box && followEnd.current) box.scrollTop = box.scrollHeight;
        },
      }),
    [calls],
  );

  // Forgetting the oldest calls removes rows above the view: scrolling back by as many keeps the
  // calls in view where they were, and a list at its end there, instead of the browser clamping it
  // up by a scroll that reads as the person leaving the end.
  useEffect(
    () =>
      calls.subscribe((state, previous) => {
        const box = scrollRef.current;
        if (!box || state.forgottenCalls === previous.forgottenCalls) return;
        const firstInView = Math.floor(box.scrollTop / ROW_HEIGHT_PX);
        const gone = rowsGoneAbove(
          filterCalls(previous.calls, state.filter),
          filterCalls(state.calls, state.filter),
          firstInView,
        );
        box.scrollTop = Math.max(0, box.scrollTop - gone * ROW_HEIGHT_PX);
        lastPlace.current = { scrollTop: box.scrollTop, scrollHeight: box.scrollHeight };
      }),
    [calls],
  );

  // Another filter shows other rows: a list that followed its end goes on showing the newest.
  const filterShown = useRef(filter);
  useEffect(() => {
    if (filterShown.current === filter) return;
    filterShown.current = filter;
    const box = scrollRef.current;
    if (box && followEnd.current) box.scrollTop = box.scrollHeight;
  }, [filter]);

  const onScroll = () => {
    const box = scrollRef.current;
    if (!box) return;
    followEnd.current = followsEnd(followEnd.current, box, lastPlace.current, ROW_HEIGHT_PX);
    lastPlace.current = { scrollTop: box.scrollTop, scrollHeight: box.scrollHeight };
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const step = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const index = shown.findIndex((call) => call.key === selectedKey);
    const nextIndex = Math.min(shown.length - 1, Math.max(0, index + step));
    const next = shown[nextIndex];
    if (!next) return;
    select(next.key);
    virtualizer.scrollToIndex(nextIndex);
    scrollRef.current?.querySelector<HTMLButtonElement>(`[data-key="${next.key}"]`)?.focus();
  };

  return (
    <section className="panel calls" aria-labelledby="calls-title">
      <div className="panel-head">
        <h2 className="panel-title" id="calls-title">
          {t.calls}
        </h2>
        <span className="panel-note">
          {summariseCalls(
            items,
            { strays: strayCount, forgotten, ...(filtering ? { shown: shown.length } : {}) },
            t,
            tally,
          )}
        </span>
      </div>
      <div className="call-filters">
        <input
          type="search"
          aria-label={t.filterCalls}
          placeholder={t.filterCallsHint}
          value={filter.text}
          onChange={(event) => setFilter({ ...filter, text: event.target.value })}
        />
        <select
          aria-label={t.statusFilter}
          value={filter.status}
          onChange={(event) =>
            setFilter({ ...filter, status: event.target.value as CallStatus | 'all' })
          }
        >
          <option value="all">{t.allStatuses}</option>
          {CALL_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t.callStatus[status]}
            </option>
          ))}
        </select>
      </div>
      {filtering && shown.length === 0 && items.length > 0 && (
        <p className="panel-note call-no-match">{t.noCallMatches}</p>
      )}
      <div className="call-scroll" ref={scrollRef} onScroll={onScroll}>
        <ul
          aria-label={t.calls}
          className="call-list"
          style={{ height: `${virtualizer.getTotalSize()}px` }}
        >
          {virtualizer.getVirtualItems().map((row) => {
            const call = shown[row.index];
            if (!call) return null;
            const summary = summariseCall(call, t);
            const selected = call.key === selectedKey;
            return (
              <li
                key={call.key}
                // Only the rows in view exist; these tell a screen reader where it is in the whole list.
                aria-setsize={shown.length}
                aria-posinset={row.index + 1}
                aria-current={selected ? 'true' : undefined}
                className={`call-row status-${call.status}${selected ? ' selected' : ''}`}
                style={{ transform: `translateY(${row.start}px)`, height: `${row.size}px` }}
              >
                <button
                  type="button"
                  className="call-button"
                  data-key={call.key}
                  onClick={() => select(call.key)}
                  onKeyDown={onKeyDown}
                >
                  <span className="call-method">{summary.method}</span>{' '}
                  <span className="call-id">{summary.id}</span>{' '}
                  <span className={`call-status badge-${call.status}`}>{summary.status}</span>{' '}
                  <span className="call-detail" title={summary.detail || undefined}>
                    {summary.detail}
                  </span>
                </button>
                {call.status !== 'pending' && (
                  <button
                    type="button"
                    className="call-replay"
                    aria-label={t.replayCall(call.method, call.idText)}
                    title={t.replayCall(call.method, call.idText)}
                    onClick={() => replayCall(calls, playback, call.key)}
                  >
                    <span aria-hidden="true">↻</span> {t.replay}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      </div>
    </section>
  );
}
