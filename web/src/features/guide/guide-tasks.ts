import type { GuideMilestone } from '../../stores/guide-store';

/**
 * The guided first run, in the order a learner meets the product: reach a
 * server, make a call, follow its twelve steps, see its bytes, then watch
 * answers overtake each other and still find their calls by id.
 */
export const GUIDE_TASKS = ['connect', 'send', 'step', 'wire', 'burst'] as const;
export type GuideTask = (typeof GUIDE_TASKS)[number];

/** What the page shows about the person's progress, read from the stores. */
export type GuideFacts = {
  connected: boolean;
  sent: number;
  outOfOrder: number;
  seen: ReadonlySet<GuideMilestone>;
};

const DONE: Readonly<Record<GuideTask, (facts: GuideFacts) => boolean>> = {
  // A call sent is proof of a connection made, even if it has closed since.
  connect: (facts) => facts.connected || facts.sent > 0,
  send: (facts) => facts.sent > 0,
  step: (facts) => facts.seen.has('stepped-through'),
  wire: (facts) => facts.seen.has('saw-wire'),
  burst: (facts) => facts.outOfOrder > 0,
};

/** Each task done or not, and the first one not done (null once all are). */
export function guideProgress(facts: GuideFacts): {
  done: Record<GuideTask, boolean>;
  current: GuideTask | null;
} {
  const done = Object.fromEntries(GUIDE_TASKS.map((task) => [task, DONE[task](facts)])) as Record<
    GuideTask,
    boolean
  >;
  return { done, current: GUIDE_TASKS.find((task) => !done[task]) ?? null };
}
