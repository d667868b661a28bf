/**
 * encoding/json's case-insensitive key matching (Go 1.19 fold.go). The fold
 * is chosen by the field name: names with k or s use equalFoldRight, which
 * also accepts the Kelvin sign (U+212A) for k and long s (U+017F) for s.
 */
import { decodeRune } from './utf8';

const CASE_MASK = 0xdf;
const KELVIN = 0x212a;
const SMALL_LONG_ESS = 0x17f;

export type EqualFold = (name: Uint8Array, key: Uint8Array) => boolean;

const isUpperLetter = (b: number): boolean => b >= 0x41 && b <= 0x5a;

export function foldFunc(name: Uint8Array): EqualFold {
  let nonLetter = false;
  let special = false;
  for (const b of name) {
    // Go uses bytes.EqualFold for non-ASCII names; ours are all ASCII.
    if (b >= 0x80) throw new Error('non-ASCII field names are not supported');
    const upper = b & CASE_MASK;
    if (!isUpperLetter(upper)) nonLetter = true;
    else if (upper === 0x4b || upper === 0x53) special = true;
  }
  if (special) return equalFoldRight;
  if (nonLetter) return asciiEqualFold;
  return simpleLetterEqualFold;
}

function equalFoldRight(name: Uint8Array, key: Uint8Array): boolean {
  let t = 0;
  for (const sb of name) {
    if (t >= key.length) return false;
    const tb = key[t] ?? 0;
    if (tb < 0x80) {
      if (sb !== tb && (!isUpperLetter(sb & CASE_MASK) || (sb & CASE_MASK) !== (tb & CASE_MASK))) {
        return false;
      }
      t++;
      continue;
    }
    const { rune, size } = decodeRune(key, t);
    const upper = sb & CASE_MASK;
    if (upper === 0x53 ? rune !== SMALL_LONG_ESS : upper !== 0x4b || rune !== KELVIN) return false;
    t += size;
  }
  return t === key.length;
}

function asciiEqualFold(name: Uint8Array, key: Uint8Array): boolean {
  if (name.length !== key.length) return false;
  return name.every((sb, i) => {
    const tb = key[i] ?? 0;
    if (sb === tb) return true;
    return isUpperLetter(sb & CASE_MASK) && (sb & CASE_MASK) === (tb & CASE_MASK);
  });
}

function simpleLetterEqualFold(name: Uint8Array, key: Uint8Array): boolean {
  if (name.length !== key.length) return false;
  return name.every((b, i) => (b & CASE_MASK) === ((key[i] ?? 0) & CASE_MASK));
}
