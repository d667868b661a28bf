import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Constant-time token comparison. Both sides are hashed first so the
 * comparison runs over equal-length digests: neither the content nor the
 * length of the expected token leaks through timing.
 */
export function tokensMatch(expected: string, offered: string): boolean {
  const a = createHash('sha256').update(expected, 'utf8').digest();
  const b = createHash('sha256').update(offered, 'utf8').digest();
  return timingSafeEqual(a, b);
}
