/** Small statistics helpers for the benchmarks; times in milliseconds. */

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

export function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

export function fmt(value: number, digits = 2): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}

/**
 * Each contender's best time (ms) over `rounds` rounds, the order rotated each
 * round: a run leaves garbage for whoever runs next, and rotating spreads that
 * cost over every contender instead of billing the same one. Best, since other
 * processes on the machine only ever add time. `betweenRounds` runs after each.
 */
export async function bestOfRotatedRounds(
  contenders: ReadonlyArray<() => void>,
  rounds: number,
  betweenRounds: () => Promise<void> = async () => {},
): Promise<number[]> {
  const times = contenders.map((): number[] => []);
  for (let round = 0; round < rounds; round++) {
    for (let r = 0; r < contenders.length; r++) {
      const k = (r + round) % contenders.length;
      const t0 = performance.now();
      contenders[k]?.();
      times[k]?.push(performance.now() - t0);
    }
    await betweenRounds();
  }
  return times.map((values) => Math.min(...values));
}
