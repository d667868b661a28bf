import { describe, expect, it } from 'vitest';
import type { GuideMilestone } from '../../stores/guide-store';
import { createGuideStore } from '../../stores/guide-store';
import { guideProgress } from './guide-tasks';

const facts = (over: Partial<Parameters<typeof guideProgress>[0]> = {}) => ({
  connected: false,
  sent: 0,
  outOfOrder: 0,
  seen: new Set<GuideMilestone>(),
  ...over,
});

describe('the guided first run', () => {
  it('moves on as the learner connects, sends, steps through, opens the wire and bursts', () => {
    expect(guideProgress(facts()).current).toBe('connect');
    expect(guideProgress(facts({ connected: true })).current).toBe('send');
    expect(guideProgress(facts({ connected: true, sent: 1 })).current).toBe('step');
    const stepped = new Set<GuideMilestone>(['stepped-through']);
    expect(guideProgress(facts({ sent: 1, seen: stepped })).current).toBe('wire');
    const both = new Set<GuideMilestone>(['stepped-through', 'saw-wire']);
    expect(guideProgress(facts({ sent: 1, seen: both })).current).toBe('burst');
    expect(guideProgress(facts({ sent: 10, seen: both, outOfOrder: 9 })).current).toBeNull();
  });

  it('counts a call sent as a connection made, and names the first task not done', () => {
    const progress = guideProgress(facts({ sent: 3, seen: new Set(['saw-wire']) }));
    expect(progress.done).toEqual({
      connect: true,
      send: true,
      step: false,
      wire: true,
      burst: false,
    });
    expect(progress.current).toBe('step');
  });

  it('remembers whether it shows and what was seen, and shrugs off garbage in storage', () => {
    const map = new Map<string, string>();
    const storage = { getItem: (k: string) => map.get(k) ?? null, setItem: map.set.bind(map) };
    const first = createGuideStore(storage);
    expect(first.getState().shown).toBe(true);
    first.getState().mark('saw-wire');
    first.getState().setShown(false);
    const next = createGuideStore(storage);
    expect(next.getState().shown).toBe(false);
    expect([...next.getState().seen]).toEqual(['saw-wire']);
    map.set('rpc-playground.guide', '{"shown":7,"seen":["saw-wire","odd"]}');
    expect([...createGuideStore(storage).getState().seen]).toEqual(['saw-wire']);
    map.set('rpc-playground.guide', '{');
    expect(createGuideStore(storage).getState()).toMatchObject({ shown: true, seen: new Set() });
  });
});
