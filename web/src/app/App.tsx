import { useEffect } from 'react';
import { useStore } from 'zustand';
import { CallList } from '../features/call-list/CallList';
import { Composer } from '../features/composer/Composer';
import { ConnectionBar } from '../features/connection-bar/ConnectionBar';
import { ResponsePanel } from '../features/response/ResponsePanel';
import { SequenceDiagram } from '../features/sequence/SequenceDiagram';
import { StepsView } from '../features/steps/StepsView';
import { StrayReplies } from '../features/stray-replies/StrayReplies';
import { WireView } from '../features/wire/WireView';
import { useApp } from './app-context';
import { ViewSettings } from './ViewSettings';

export function App() {
  const { settings } = useApp();
  const projection = useStore(settings, (s) => s.projection);
  const language = useStore(settings, (s) => s.language);

  // Screen readers and fonts follow the page's language.
  useEffect(() => {
    document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
  }, [language]);

  return (
    <div className={projection ? 'app projection' : 'app'}>
      <header className="app-header">
        <h1 className="app-title">RPC Playground</h1>
        <ConnectionBar />
        <ViewSettings />
      </header>
      <main className="app-main">
        {/* Hidden, not unmounted, in projection mode: the editor and the list keep their state. */}
        <div className="app-column app-side">
          <Composer />
          <CallList />
          <WireView />
        </div>
        <div className="app-stage">
          <StepsView />
          <div className="app-lower">
            <SequenceDiagram />
            <div className="app-column app-side">
              <ResponsePanel />
              <StrayReplies />
            </div>
          </div>
        </div>
      </main>
    </div>
  );
}
