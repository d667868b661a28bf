/** The character codes JSON's grammar turns on, for the scanners that read JSON text by hand. */

export const QUOTE = 0x22;
export const BACKSLASH = 0x5c;

/** JSON's insignificant whitespace: space, tab, LF, CR (RFC 8259 §2). */
export function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}
