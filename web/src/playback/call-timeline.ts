import type { ClockEstimate, StepTime } from '../../../shared/steps/call-stamps';
import { stepTimeline } from '../../../shared/steps/step-timeline';
import { clockOf } from '../stores/call-clock';
import type { Call, CallsStore } from '../stores/calls-store';
import type { ConnectionStore } from '../stores/connection-store';
import { type PlaybackTimeline, toPlaybackTimeline } from './playhead';

/** The twelve step times of a call on the page clock; `clock` is the page's estimate. */
export function callStepTimes(call: Call, clock: ClockEstimate | null): StepTime[] {
  return stepTimeline(call.stamps, clockOf(call, clock));
}

/** The selected call's timeline for the ticker, read fresh on every frame (stamps arrive while it plays). */
export function selectedPlaybackTimeline(
  calls: CallsStore,
  connection: ConnectionStore,
): () => PlaybackTimeline | null {
  return () => {
    const call = calls.selectedCall(calls.getState());
    if (!call) return null;
    const times = callStepTimes(call, connection.getState().clock);
    return toPlaybackTimeline(times, call.status !== 'pending');
  };
}
