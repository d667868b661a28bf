/**
 * Go's json.Encoder output (Go 1.19, SetEscapeHTML on, the default): compact,
 * `<` `>` `&` and U+2028/U+2029 escaped, control bytes as \u00XX except the
 * short \n \r \t, invalid UTF-8 as \ufffd. Raw messages are compacted.
 */
import { concatBytes } from '../../../shared/framing/framer';
import { decodeRune, goString, RUNE_ERROR } from './utf8';

export type GoEncodable =
  | { type: 'int'; value: bigint }
  | { type: 'string'; value: string }
  | { type: 'null' }
  /** A time.Time as its MarshalJSON writes it: RFC 3339, nanoseconds without trailing zeros. */
  | { type: 'time'; value: string }
  /** json.RawMessage: already valid JSON, compacted on the way out. */
  | { type: 'raw'; value: Uint8Array }
  /**
   * Fields in declaration order, under their JSON names; gob needs the Go
   * type's name and a field's Go name where its json tag differs.
   */
  | {
      type: 'struct';
      name?: string;
      fields: readonly (readonly [json: string, value: GoEncodable, go?: string])[];
    };

const HEX = '0123456789abcdef';
const NEWLINE = new Uint8Array([0x0a]);

/** What Encoder.Encode writes: the value and a newline. */
export function encodeLine(value: GoEncodable): Uint8Array {
  return concatBytes([encode(value), NEWLINE]);
}

export function encode(value: GoEncodable): Uint8Array {
  switch (value.type) {
    case 'int':
      return goString(value.value.toString());
    case 'string':
    case 'time':
      return encodeString(goString(value.value));
    case 'null':
      return goString('null');
    case 'raw':
      return compact(value.value);
    case 'struct': {
      const parts: Uint8Array[] = [goString('{')];
      value.fields.forEach(([name, field], i) => {
        parts.push(goString(`${i > 0 ? ',' : ''}"${name}":`), encode(field));
      });
      parts.push(goString('}'));
      return concatBytes(parts);
    }
  }
}

const isHtmlSafe = (b: number): boolean =>
  b >= 0x20 && b !== 0x22 && b !== 0x5c && b !== 0x3c && b !== 0x3e && b !== 0x26;

/** encodeState.string with escapeHTML. */
export function encodeString(s: Uint8Array): Uint8Array {
  const out: number[] = [0x22];
  const pushText = (text: string) => {
    for (let k = 0; k < text.length; k++) out.push(text.charCodeAt(k));
  };
  for (let i = 0; i < s.length; ) {
    const b = s[i] ?? 0;
    if (b < 0x80) {
      if (isHtmlSafe(b)) out.push(b);
      else if (b === 0x22 || b === 0x5c) out.push(0x5c, b);
      else if (b === 0x0a) pushText('\\n');
      else if (b === 0x0d) pushText('\\r');
      else if (b === 0x09) pushText('\\t');
      else pushText(`\\u00${HEX[b >> 4]}${HEX[b & 0xf]}`);
      i++;
      continue;
    }
    const { rune, size } = decodeRune(s, i);
    if (rune === RUNE_ERROR && size === 1) pushText('\\ufffd');
    else if (rune === 0x2028 || rune === 0x2029) pushText(`\\u202${HEX[rune & 0xf]}`);
    else for (let k = 0; k < size; k++) out.push(s[i + k] ?? 0);
    i += size;
  }
  out.push(0x22);
  return Uint8Array.from(out);
}

const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;

/** Go's compact(dst, src, escape=true) over valid JSON: whitespace outside strings dropped. */
export function compact(src: Uint8Array): Uint8Array {
  const out: number[] = [];
  let inString = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i] ?? 0;
    if (inString) {
      if (c === 0x5c) {
        out.push(c, src[i + 1] ?? 0);
        i++;
        continue;
      }
      if (c === 0x22) inString = false;
    } else if (isSpace(c)) {
      continue;
    } else if (c === 0x22) {
      inString = true;
    }
    if (c === 0x3c || c === 0x3e || c === 0x26) {
      for (const ch of `\\u00${HEX[c >> 4]}${HEX[c & 0xf]}`) out.push(ch.charCodeAt(0));
    } else if (c === 0xe2 && src[i + 1] === 0x80 && ((src[i + 2] ?? 0) & ~1) === 0xa8) {
      for (const ch of `\\u202${HEX[(src[i + 2] ?? 0) & 0xf]}`) out.push(ch.charCodeAt(0));
      i += 2;
    } else {
      out.push(c);
    }
  }
  return Uint8Array.from(out);
}
