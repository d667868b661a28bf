import { CallList } from '../features/call-list/CallList';
import { Composer } from '../features/composer/Composer';
import { ConnectionBar } from '../features/connection-bar/ConnectionBar';
import { ResponsePanel } from '../features/response/ResponsePanel';
import { StrayReplies } from '../features/stray-replies/StrayReplies';

export function App() {
  return (
    <div className="app">
      <header className="app-header">
        <h1 className="app-title">RPC Playground</h1>
        <ConnectionBar />
      </header>
      <main className="app-main">
        <div className="app-column">
          <Composer />
          <CallList />
        </div>
        <div className="app-column">
          <ResponsePanel />
          <StrayReplies />
        </div>
      </main>
    </div>
  );
}
