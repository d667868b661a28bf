import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { AppContext } from './app/app-context';
import { bridgeUrl, createBridgeClient } from './bridge-client/bridge-client';
import { openBrowserSocket } from './bridge-client/browser-socket';
import { createClientStub } from './client-stub/client-stub';
import { DEFAULT_REQUEST_TEXT } from './features/composer/templates';
import { setUpMonaco } from './monaco/monaco-setup';
import { createCallsStore } from './stores/calls-store';
import { createComposerStore } from './stores/composer-store';
import { createConnectionStore } from './stores/connection-store';
import './app/app.css';

setUpMonaco();

const connection = createConnectionStore();
const calls = createCallsStore();
const composer = createComposerStore(window.localStorage, DEFAULT_REQUEST_TEXT);
const bridge = createBridgeClient({
  url: bridgeUrl(window.location),
  createSocket: openBrowserSocket,
  clock: {
    now: () => Date.now(),
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
});

// A page kept in the back/forward cache comes back alive, so only a real unload disposes.
window.addEventListener('pagehide', (event) => {
  if (event.persisted) return;
  stub.dispose();
  bridge.dispose();
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');
createRoot(root).render(
  <StrictMode>
    <AppContext.Provider value={{ connection, calls, composer, stub }}>
      <App />
    </AppContext.Provider>
  </StrictMode>,
);
