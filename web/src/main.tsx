import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { AppContext } from './app/app-context';
import { checkBridgeAccess } from './bridge-client/access-check';
import { bridgeUrl, createBridgeClient } from './bridge-client/bridge-client';
import { openBrowserSocket } from './bridge-client/browser-socket';
import { takePageToken } from './bridge-client/page-token';
import { ANSWER_HOLD_MS, createClientStub } from './client-stub/client-stub';
import { DEFAULT_REQUEST_TEXT } from './features/composer/templates';
import { setUpMonaco } from './monaco/monaco-setup';
import { selectedPlaybackTimeline } from './playback/call-timeline';
import { resetOnSelection } from './playback/follow-selection';
import { animationFrames, startTicker } from './playback/ticker';
import { createCallsStore } from './stores/calls-store';
import { createComposerStore } from './stores/composer-store';
import { createConnectionStore } from './stores/connection-store';
import { createGuideStore } from './stores/guide-store';
import { notifyPerFrame } from './stores/notify-per-frame';
import { loadHistory, persistHistory } from './stores/persist-history';
import { createPlaybackStore } from './stores/playback-store';
import { createPredictionStore } from './stores/prediction-store';
import { createSettingsStore } from './stores/settings-store';
import { createWireStore } from './stores/wire-store';
import { createWireRecorder } from './wire/wire-recorder';
import './app/app.css';

setUpMonaco();

/** A page never idle (a long stream of answers) still writes its history this long after asking. */
const HISTORY_IDLE_TIMEOUT_MS = 5000;

const connection = createConnectionStore(window.localStorage);
const calls = createCallsStore();
calls.getState().restore(loadHistory(window.localStorage));
const schedule = (fn: () => void, ms: number) => {
  const timer = window.setTimeout(fn, ms);
  return () => window.clearTimeout(timer);
};
/** Idle time as the browser sees it; a browser without requestIdleCallback gets the next task. */
const whenIdle = (fn: () => void) => {
  if (typeof window.requestIdleCallback !== 'function') return schedule(fn, 0);
  const handle = window.requestIdleCallback(fn, { timeout: HISTORY_IDLE_TIMEOUT_MS });
  return () => window.cancelIdleCallback(handle);
};
const pageClock = () => connection.getState().clock;
const callHistory = persistHistory(calls, window.localStorage, schedule, whenIdle, pageClock);
const composer = createComposerStore(window.localStorage, DEFAULT_REQUEST_TEXT);
const settings = createSettingsStore(window.localStorage);
const guide = createGuideStore(window.localStorage);
const wire = createWireStore();
const playback = createPlaybackStore();
const prediction = createPredictionStore(() => performance.now());
const stopTicker = startTicker({
  playback,
  timeline: selectedPlaybackTimeline(calls, connection),
  frames: animationFrames,
});
const stopFollowingSelection = resetOnSelection(calls, playback);
const token = takePageToken({
  location: window.location,
  history: window.history,
  storage: window.sessionStorage,
});
const bridge = createBridgeClient({
  url: bridgeUrl(window.location),
  createSocket: openBrowserSocket,
  token,
  checkAccess: () => checkBridgeAccess((url, init) => window.fetch(url, init), token),
  clock: {
    now: () => Date.now(),
    pageNow: () => performance.now(),
    schedule: (fn, ms) => {
      const timer = window.setTimeout(fn, ms);
      return () => window.clearTimeout(timer);
    },
  },
});
const stub = createClientStub({
  bridge,
  connection,
  calls,
  composer,
  now: () => performance.now(),
  schedule,
  wire: createWireRecorder(wire),
});

const answerHold = { due: stub.answerDue, maxMs: ANSWER_HOLD_MS };

// A page kept in the back/forward cache comes back alive, so only a real unload disposes.
window.addEventListener('pagehide', (event) => {
  callHistory.flush();
  if (event.persisted) return;
  stub.dispose();
  bridge.dispose();
  stopTicker();
  stopFollowingSelection();
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');
createRoot(root).render(
  <StrictMode>
    <AppContext.Provider
      value={{
        connection,
        // The two stores that change at wire rate re-render the view once per frame at most,
        // and not while a call just sent awaits its answer.
        calls: notifyPerFrame(calls, animationFrames, answerHold),
        composer,
        guide,
        settings,
        playback,
        prediction,
        stub,
        wire: notifyPerFrame(wire, animationFrames, answerHold),
      }}
    >
      <App />
    </AppContext.Provider>
  </StrictMode>,
);
