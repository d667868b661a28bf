import { type Call, type CallStatus, pageDurationMs } from '../../stores/calls-store';

export function formatDuration(ms: number | null): string {
  if (ms === null) return '';
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

/** One line per call: what a listitem's text says, so a screen reader hears the same as the eye. */
export function summariseCall(call: Call): {
  method: string;
  id: string;
  status: string;
  detail: string;
} {
  const detail = [
    formatDuration(pageDurationMs(call)),
    call.replyOrder === null ? '' : `reply #${call.replyOrder}`,
    call.duplicateWarning ? 'duplicate id' : '',
  ]
    .filter((part) => part !== '')
    .join(' · ');
  return { method: call.method, id: `id ${call.idText}`, status: call.status, detail };
}

/** "12 sent · 3 pending · 1 failed": how a burst is doing, even when its rows are scrolled away. */
export function summariseCalls(calls: readonly Call[], strayCount: number): string {
  const counts: Record<CallStatus, number> = { pending: 0, answered: 0, error: 0, failed: 0 };
  for (const call of calls) counts[call.status] += 1;
  const parts = [`${calls.length} sent`];
  for (const status of ['pending', 'answered', 'error', 'failed'] as const) {
    if (counts[status] > 0) parts.push(`${counts[status]} ${status}`);
  }
  if (strayCount > 0) parts.push(`${strayCount} stray ${strayCount === 1 ? 'reply' : 'replies'}`);
  return parts.join(' · ');
}
