import { evaluateBurstExpression } from './burst-expression';

/**
 * A burst sends N calls at once, as Go's client.Go does. Its template is
 * ordinary JSON in which a string value of the exact form "{{expr}}" becomes,
 * per call, the number expr evaluates to. Everything else is kept as written,
 * digits and escapes included. Rules BT1–BT5 in README.
 */

const PLACEHOLDER = /^"\{\{([^"\\]*)\}\}"$/;

/** Expands the template for call `i` of `n`, or says which placeholder is wrong. */
export function expandBurstTemplate(
  text: string,
  i: number,
  n: number,
): string | { problem: string } {
  let out = '';
  let copied = 0;
  let at = 0;
  while (at < text.length) {
    if (text[at] !== '"') {
      at++;
      continue;
    }
    const start = at;
    at++;
    while (at < text.length && text[at] !== '"') at += text[at] === '\\' ? 2 : 1;
    at++;
    const placeholder = PLACEHOLDER.exec(text.slice(start, at));
    if (!placeholder || isKey(text, at)) continue;
    const value = evaluateBurstExpression(placeholder[1] ?? '', { i, N: n });
    if (typeof value !== 'number') return { problem: `Burst template: ${value.problem}.` };
    out += `${text.slice(copied, start)}${value}`;
    copied = at;
  }
  return out + text.slice(copied);
}

/** A string followed by ':' is an object key, which must stay a string. */
function isKey(text: string, after: number): boolean {
  let at = after;
  while (at < text.length && /\s/.test(text[at] ?? '')) at++;
  return text[at] === ':';
}
