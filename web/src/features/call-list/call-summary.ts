import type { Call } from '../../stores/calls-store';

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
    formatDuration(call.durationMs),
    call.replyOrder === null ? '' : `reply #${call.replyOrder}`,
    call.duplicateWarning ? 'duplicate id' : '',
  ]
    .filter((part) => part !== '')
    .join(' · ');
  return { method: call.method, id: `id ${call.idText}`, status: call.status, detail };
}
