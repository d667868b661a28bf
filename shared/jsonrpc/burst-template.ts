import { type CompiledBurstExpression, compileBurstExpression } from './burst-expression';

/**
 * A burst sends N calls at once, as Go's client.Go does. Its template is
 * ordinary JSON in which a string value of the exact form "{{expr}}" becomes,
 * per call, the number expr evaluates to. Everything else is kept as written,
 * digits and escapes included. Rules BT1–BT5 in README.
 */

const PLACEHOLDER = /^"\{\{([^"\\]*)\}\}"$/;

/** The template cut at its placeholders: texts[k] comes before expressions[k]; one more text ends it. */
type Pieces = { template: string; texts: string[]; expressions: CompiledBurstExpression[] };

// A burst expands one template N times: it is cut once, for the last template seen.
let lastPieces: Pieces | null = null;

/** Expands the template for call `i` of `n`, or says which placeholder is wrong. */
export function expandBurstTemplate(
  text: string,
  i: number,
  n: number,
): string | { problem: string } {
  if (lastPieces?.template !== text) lastPieces = cut(text);
  const { texts, expressions } = lastPieces;
  const vars = { i, N: n };
  let out = texts[0] ?? '';
  for (let k = 0; k < expressions.length; k++) {
    const value = (expressions[k] as CompiledBurstExpression)(vars);
    if (typeof value !== 'number') return { problem: `Burst template: ${value.problem}.` };
    out += `${value}${texts[k + 1] ?? ''}`;
  }
  return out;
}

function cut(text: string): Pieces {
  const texts: string[] = [];
  const expressions: CompiledBurstExpression[] = [];
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
    texts.push(text.slice(copied, start));
    const compiled = compileBurstExpression(placeholder[1] ?? '');
    // A placeholder that does not parse is the same problem for every call.
    expressions.push(typeof compiled === 'function' ? compiled : () => compiled);
    copied = at;
  }
  texts.push(text.slice(copied));
  return { template: text, texts, expressions };
}

/** A string followed by ':' is an object key, which must stay a string. */
function isKey(text: string, after: number): boolean {
  let at = after;
  while (at < text.length && /\s/.test(text[at] ?? '')) at++;
  return text[at] === ':';
}
