import { createCallsStore, type NewCall } from '../stores/calls-store';
import { createPlaybackStore } from '../stores/playback-store';
import { resetOnSelection } from './follow-selection';

/** A call as the client stub adds it, keyed and id'd by `key`: the playback tests only select and replay it. */
const newCall = (key: string): NewCall => ({
  key,
  conn: 1,
  method: 'ServiceA.Add',
  idText: key,
  canonicalId: key,
  requestText: '{}\n',
  paramsText: null,
  duplicateWarning: null,
  stamps: { invokedAt: 0, marshalledAt: 0, requestBytes: 3 },
});

/** A calls store holding a call per key (the last one selected), and playback following its selection until `stop()`. */
export function followingStores(...keys: string[]) {
  const calls = createCallsStore();
  const playback = createPlaybackStore();
  const stop = resetOnSelection(calls, playback);
  calls.getState().add(keys.map(newCall));
  return { calls, playback, stop };
}
