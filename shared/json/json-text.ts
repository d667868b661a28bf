/**
 * Textual reformatting of JSON that is already known to be valid. Working on the
 * text rather than on parsed values keeps everything exactly as written: number
 * digits, string escapes, and key order (a JS object would move "2" before "a").
 * Go's json.Compact works the same way (rules JT1–JT2 in README).
 */

import { BACKSLASH, isSpace, QUOTE } from './json-chars';

/** Removes insignificant whitespace. The input must be valid JSON. */
export function compactJsonText(text: string): string {
  let out = '';
  let runStart = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === BACKSLASH) i++;
      else if (code === QUOTE) inString = false;
    } else if (code === QUOTE) {
      inString = true;
    } else if (isSpace(code)) {
      out += text.slice(runStart, i);
      runStart = i + 1;
    }
  }
  return out + text.slice(runStart);
}

/** Pretty-prints with `indent` spaces per level; empty containers stay `{}` / `[]`. The input must be valid JSON. */
export function prettyJsonText(text: string, indent = 2): string {
  const compact = compactJsonText(text);
  const unit = ' '.repeat(indent);
  let out = '';
  let depth = 0;
  let runStart = 0;
  for (let i = 0; i < compact.length; i++) {
    const ch = compact[i];
    if (ch === '"') {
      i++;
      while (compact[i] !== '"') i += compact[i] === '\\' ? 2 : 1;
      continue;
    }
    if (ch === '{' || ch === '[') {
      const next = compact[i + 1];
      if (next === '}' || next === ']') {
        i++;
        continue;
      }
      depth++;
      out += `${compact.slice(runStart, i + 1)}\n${unit.repeat(depth)}`;
      runStart = i + 1;
    } else if (ch === '}' || ch === ']') {
      depth--;
      out += `${compact.slice(runStart, i)}\n${unit.repeat(depth)}${ch}`;
      runStart = i + 1;
    } else if (ch === ',') {
      out += `${compact.slice(runStart, i)},\n${unit.repeat(depth)}`;
      runStart = i + 1;
    } else if (ch === ':') {
      out += `${compact.slice(runStart, i)}: `;
      runStart = i + 1;
    }
  }
  return out + compact.slice(runStart);
}

export type TopLevelMember = {
  key: string;
  keyStart: number;
  keyEnd: number;
  valueStart: number;
  valueEnd: number;
};

/**
 * Members of a top-level object with their character spans (key including its
 * quotes), in the order written. The input must be a valid JSON object.
 */
export function topLevelMembers(text: string): TopLevelMember[] {
  const members: TopLevelMember[] = [];
  let depth = 0;
  let i = 0;
  let pending: { key: string; keyStart: number; keyEnd: number } | null = null;
  let valueStart = -1;
  const closeValue = (end: number): void => {
    if (pending && valueStart >= 0) {
      members.push({ ...pending, valueStart, valueEnd: end });
      pending = null;
      valueStart = -1;
    }
  };
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      const start = i;
      i++;
      while (text.charCodeAt(i) !== QUOTE) i += text.charCodeAt(i) === BACKSLASH ? 2 : 1;
      i++;
      if (depth === 1 && pending === null) {
        pending = { key: JSON.parse(text.slice(start, i)) as string, keyStart: start, keyEnd: i };
      } else if (depth === 1 && valueStart < 0) {
        valueStart = start;
        closeValue(i);
      }
      continue;
    }
    if (code === 0x7b || code === 0x5b) {
      if (depth === 1 && valueStart < 0) valueStart = i;
      depth++;
    } else if (code === 0x7d || code === 0x5d) {
      depth--;
      if (depth === 1) closeValue(i + 1);
    } else if (
      depth === 1 &&
      pending !== null &&
      code !== 0x3a &&
      code !== 0x2c &&
      !isSpace(code)
    ) {
      // a scalar: number or literal, running to the next delimiter
      const start = i;
      while (i < text.length && !/[\s,}\]]/.test(text[i] ?? '')) i++;
      valueStart = start;
      closeValue(i);
      continue;
    }
    i++;
  }
  return members;
}

/** Spans of the elements of a compact top-level array, in order. The input must be compact, valid JSON. */
export function compactArrayElements(compact: string): Array<{ start: number; end: number }> {
  const spans: Array<{ start: number; end: number }> = [];
  if (compact === '[]') return spans;
  let depth = 0;
  let start = 1;
  for (let i = 0; i < compact.length; i++) {
    const ch = compact[i];
    if (ch === '"') {
      i++;
      while (compact[i] !== '"') i += compact[i] === '\\' ? 2 : 1;
    } else if (ch === '{' || ch === '[') {
      depth++;
    } else if (ch === '}' || ch === ']') {
      depth--;
      if (depth === 0) spans.push({ start, end: i });
    } else if (ch === ',' && depth === 1) {
      spans.push({ start, end: i });
      start = i + 1;
    }
  }
  return spans;
}

/** Adds `"key":valueText` as the last member of a compact object text. */
export function appendMember(compactObject: string, key: string, valueText: string): string {
  const separator = compactObject === '{}' ? '' : ',';
  return `${compactObject.slice(0, -1)}${separator}${JSON.stringify(key)}:${valueText}}`;
}

/** Adds `"key":valueText` as the first member of a compact object text. */
export function prependMember(compactObject: string, key: string, valueText: string): string {
  const separator = compactObject === '{}' ? '' : ',';
  return `{${JSON.stringify(key)}:${valueText}${separator}${compactObject.slice(1)}`;
}
