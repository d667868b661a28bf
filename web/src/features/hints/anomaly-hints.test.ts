import { describe, expect, it } from 'vitest';
import { FAILURE_CAUSES, STRAY_KINDS, type StrayKind } from '../../stores/calls-store';
import { anomalyHints, SEVERITY_OF } from './anomaly-hints';

const noStrays = Object.fromEntries(STRAY_KINDS.map((kind) => [kind, 0])) as Record<
  StrayKind,
  number
>;

describe('anomaly hints', () => {
  it('are none for a clean run', () => {
    expect(anomalyHints({ failed: new Map(), duplicates: null }, noStrays)).toEqual([]);
  });

  it('give one hint per kind with its count and newest call, errors first, then the most frequent', () => {
    const hints = anomalyHints(
      {
        failed: new Map([
          ['timeout', { count: 3, lastKey: 'c9' }],
          ['page-closed', { count: 1, lastKey: 'c4' }],
          ['server-closed', { count: 2, lastKey: 'c7' }],
          ['unknown', { count: 1, lastKey: 'h2' }],
        ]),
        duplicates: { count: 5, lastKey: 'c12' },
      },
      { ...noStrays, unmatched: 4812, 'framing-error': 1 },
    );
    expect(hints.map((hint) => [hint.severity, hint.kind, hint.count, hint.callKey])).toEqual([
      ['error', 'server-closed', 2, 'c7'],
      ['error', 'framing-error', 1, null],
      ['warning', 'unmatched', 4812, null],
      ['warning', 'duplicate-id', 5, 'c12'],
      ['warning', 'timeout', 3, 'c9'],
      ['warning', 'unknown-failure', 1, 'h2'],
      ['note', 'page-closed', 1, 'c4'],
    ]);
  });

  it('weigh every failure cause and stray kind', () => {
    for (const kind of [
      ...FAILURE_CAUSES,
      ...STRAY_KINDS,
      'duplicate-id',
      'unknown-failure',
    ] as const)
      expect(['error', 'warning', 'note']).toContain(SEVERITY_OF[kind]);
    // The checklist's "server gone" and "malformed or truncated frame" are errors; "timeout" and ids are warnings.
    expect([
      SEVERITY_OF['server-closed'],
      SEVERITY_OF['framing-error'],
      SEVERITY_OF.unreadable,
    ]).toEqual(['error', 'error', 'error']);
    expect([SEVERITY_OF.timeout, SEVERITY_OF.late, SEVERITY_OF.unmatched]).toEqual([
      'warning',
      'warning',
      'warning',
    ]);
  });
});
