import { createStore } from 'zustand/vanilla';
import type { TextStorage } from './composer-store';

/** What the guide cannot read from the other stores: things the person has looked at. */
export const GUIDE_MILESTONES = ['stepped-through', 'saw-wire'] as const;
export type GuideMilestone = (typeof GUIDE_MILESTONES)[number];

const GUIDE_KEY = 'rpc-playground.guide';

export type GuideState = {
  /** On for a first visit; off once hidden, until shown again. */
  shown: boolean;
  seen: ReadonlySet<GuideMilestone>;
  setShown(shown: boolean): void;
  mark(milestone: GuideMilestone): void;
};

export type GuideStore = ReturnType<typeof createGuideStore>;

/** The guided first run: whether it shows and what was seen survive a reload (best effort). */
export function createGuideStore(storage: TextStorage | null) {
  const saved = readGuide(storage);
  return createStore<GuideState>()((set, get) => {
    const save = () => {
      const { shown, seen } = get();
      try {
        storage?.setItem(GUIDE_KEY, JSON.stringify({ shown, seen: [...seen] }));
      } catch {
        // Persistence is best effort; the guide holds for this visit.
      }
    };
    return {
      ...saved,
      setShown: (shown) => {
        set({ shown });
        save();
      },
      mark: (milestone) => {
        if (get().seen.has(milestone)) return;
        set({ seen: new Set([...get().seen, milestone]) });
        save();
      },
    };
  });
}

function readGuide(storage: TextStorage | null): Pick<GuideState, 'shown' | 'seen'> {
  try {
    const stored: unknown = JSON.parse(storage?.getItem(GUIDE_KEY) ?? 'null');
    if (typeof stored !== 'object' || stored === null) return { shown: true, seen: new Set() };
    const { shown, seen } = stored as { shown?: unknown; seen?: unknown };
    return {
      shown: shown !== false,
      seen: new Set(
        Array.isArray(seen) ? GUIDE_MILESTONES.filter((milestone) => seen.includes(milestone)) : [],
      ),
    };
  } catch {
    return { shown: true, seen: new Set() };
  }
}
