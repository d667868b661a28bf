import { type KeyboardEvent, useId, useRef, useState } from 'react';
import { SequenceDiagram } from '../features/sequence/SequenceDiagram';
import { SEQUENCE_TEXT } from '../features/sequence/sequence-text';
import { WireView } from '../features/wire/WireView';
import { WIRE_TEXTS } from '../features/wire/wire-texts';
import { useLanguage, useMessages } from '../i18n/use-messages';
import { useApp } from './app-context';
import './stage-tabs.css';

const TABS = ['sequence', 'wire'] as const;
type StageTab = (typeof TABS)[number];

/**
 * The sequence diagram and the wire bytes take turns under the Steps view: at
 * 1280×800 neither is usable squeezed into a third of a column. Only the
 * shown one is mounted, so a hidden dump does not re-render for every chunk.
 */
export function StageTabs() {
  const t = useMessages();
  const language = useLanguage();
  const { guide } = useApp();
  const [shown, setShownTab] = useState<StageTab>('sequence');
  const setShown = (tab: StageTab) => {
    setShownTab(tab);
    if (tab === 'wire') guide.getState().mark('saw-wire');
  };
  const baseId = useId();
  const tabRefs = useRef(new Map<StageTab, HTMLButtonElement>());
  // The tabs carry the regions' own names, so "Wire" finds both the tab and, once shown, the region.
  const names: Record<StageTab, string> = {
    sequence: SEQUENCE_TEXT[language].title,
    wire: WIRE_TEXTS[language].wire,
  };

  // The tabs pattern: arrows (and Home/End) move between tabs and show the one reached.
  const onKeyDown = (event: KeyboardEvent, index: number) => {
    const last = TABS.length - 1;
    const next =
      event.key === 'ArrowRight'
        ? (index + 1) % TABS.length
        : event.key === 'ArrowLeft'
          ? (index + last) % TABS.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null;
    const tab = next === null ? undefined : TABS[next];
    if (tab === undefined) return;
    // Also keeps the Steps view's arrow shortcuts from stepping the call.
    event.preventDefault();
    setShown(tab);
    tabRefs.current.get(tab)?.focus();
  };

  return (
    <div className="stage-tabs">
      <div role="tablist" aria-label={t.views} className="stage-tab-list">
        {TABS.map((tab, index) => (
          <button
            key={tab}
            ref={(button) => {
              if (button) tabRefs.current.set(tab, button);
              else tabRefs.current.delete(tab);
            }}
            type="button"
            role="tab"
            id={`${baseId}-${tab}-tab`}
            aria-selected={tab === shown}
            aria-controls={`${baseId}-${tab}-panel`}
            tabIndex={tab === shown ? 0 : -1}
            className="stage-tab"
            onClick={() => setShown(tab)}
            onKeyDown={(event) => onKeyDown(event, index)}
          >
            {names[tab]}
          </button>
        ))}
      </div>
      {TABS.map((tab) => (
        <div
          key={tab}
          role="tabpanel"
          id={`${baseId}-${tab}-panel`}
          aria-labelledby={`${baseId}-${tab}-tab`}
          className="stage-tab-panel"
          hidden={tab !== shown}
        >
          {tab === shown && (tab === 'sequence' ? <SequenceDiagram /> : <WireView />)}
        </div>
      ))}
    </div>
  );
}
