import type { Call, CallFilter } from '../../stores/calls-store';

/** Whether the filter hides anything: with none, the list is the calls array itself. */
export function isFiltering(filter: CallFilter): boolean {
  return filter.status !== 'all' || filter.text.trim() !== '';
}

/**
 * The calls the list shows, in order. Without a filter it returns `calls`
 * itself, so a burst streaming in costs nothing extra per frame.
 */
export function filterCalls<C extends Pick<Call, 'method' | 'idText' | 'status'>>(
  calls: readonly C[],
  filter: CallFilter,
): readonly C[] {
  if (!isFiltering(filter)) return calls;
  const text = filter.text.trim().toLowerCase();
  return calls.filter(
    (call) =>
      (filter.status === 'all' || call.status === filter.status) &&
      (text === '' ||
        call.method.toLowerCase().includes(text) ||
        call.idText.toLowerCase().includes(text)),
  );
}
