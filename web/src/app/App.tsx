import { useEffect } from 'react';
import { useStore } from 'zustand';
import { CallList } from '../features/call-list/CallList';
import { Composer } from '../features/composer/Composer';
import { ProjectionSend } from '../features/composer/ProjectionSend';
import { ConnectionBar } from '../features/connection-bar/ConnectionBar';
import { Guide, GuideToggle } from '../features/guide/Guide';
import { Hints } from '../features/hints/Hints';
import { LabSummary } from '../features/id-lab/LabSummary';
import { PredictReply } from '../features/id-lab/PredictReply';
import { ResponsePanel } from '../features/response/ResponsePanel';
import { SessionMenu } from '../features/session/SessionMenu';
import { StepsView } from '../features/steps/StepsView';
import { StrayReplies } from '../features/stray-replies/StrayReplies';
import { useApp } from './app-context';
import { StageTabs } from './StageTabs';
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
        <div className="header-tools">
          <div className="header-row">
            <SessionMenu />
            <GuideToggle />
          </div>
          <ViewSettings />
        </div>
      </header>
      <main className="app-main">
        {/* Hidden, not unmounted, in projection mode: the editor and the list keep their state. */}
        <div className="app-column app-side">
          <Composer />
          <LabSummary />
          <Hints />
          <CallList />
        </div>
        <div className="app-stage">
          <Guide />
          {/* In the Steps view's head, where the learner watches the call they predict. */}
          <StepsView actions={<ProjectionSend />} aside={<PredictReply />} />
          <div className="app-lower">
            <StageTabs />
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
