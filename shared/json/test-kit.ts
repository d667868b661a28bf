/**
 * Test-only JSON text generators for the codecs' fast paths: texts written the
 * way people and Go write them (odd whitespace, big integers, escapes, Go's
 * HTML-escaped echoes, keys in any case), and broken copies of them.
 */
import fc from 'fast-check';

/** Insignificant whitespace, usually none. */
export const space = fc.constantFrom('', '', '', ' ', '\n  ', '\t', '\r\n');

export function padded(text: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.tuple(space, text, space).map(([before, value, after]) => before + value + after);
}

export const numberText = fc.oneof(
  fc.integer().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
  fc.constantFrom(
    '9007199254740993',
    '123456789012345678901234567890',
    '-0',
    '1.5e3',
    '1.50',
    '2E-7',
    '-0.0e+1',
  ),
);

export const stringText = fc.oneof(
  fc.string().map((text) => JSON.stringify(text)),
  fc.string({ unit: 'binary', maxLength: 6 }).map((text) => JSON.stringify(text)),
  fc.constantFrom(
    '"\\u003cb\\u003e\\u0026"',
    '"<b>&"',
    '"\\ud800"',
    '"\ud800 lone"',
    '"a\\/b\\"c\\\\"',
    '"\\u00e9 é 你好"',
    '"\\b\\f\\n\\r\\t"',
    '"{{i}}"',
    '""',
  ),
);

const scalarText = fc.oneof(numberText, stringText, fc.constantFrom('true', 'false', 'null'));

export const keyText = fc.oneof(
  stringText,
  fc.constantFrom(
    '"id"',
    '"ID"',
    '"Id"',
    '"\\u0069d"',
    '"method"',
    '"METHOD"',
    '"params"',
    '"result"',
    '"Result"',
    '"error"',
    '"ERROR"',
    '"jsonrpc"',
    '"__proto__"',
  ),
);

export function objectOf(member: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc
    .tuple(fc.array(member, { maxLength: 5 }), space)
    .map(([members, inside]) => `{${members.length === 0 ? inside : members.join(',')}}`);
}

/** A member `"key":value`, whitespace around both. */
export function memberText(key: fc.Arbitrary<string>, value: fc.Arbitrary<string>) {
  return fc.tuple(padded(key), padded(value)).map(([k, v]) => `${k}:${v}`);
}

export const { value: valueText } = fc.letrec<{ value: string; array: string; object: string }>(
  (tie) => ({
    value: fc.oneof({ maxDepth: 3, depthSize: 'small' }, scalarText, tie('array'), tie('object')),
    array: fc
      .tuple(fc.array(padded(tie('value')), { maxLength: 4 }), space)
      .map(([items, inside]) => `[${items.length === 0 ? inside : items.join(',')}]`),
    object: objectOf(memberText(keyText, tie('value'))),
  }),
);

/** A Go-dialect request: a method (usually a string), maybe an id, params and other members in any order. */
export const requestText = padded(
  objectOf(
    fc.oneof(
      memberText(
        fc.constantFrom('"method"', '"Method"', '"METHOD"'),
        fc.oneof(stringText, stringText, valueText),
      ),
      memberText(fc.constantFrom('"id"', '"ID"', '"\\u0069d"'), valueText),
      memberText(fc.constant('"params"'), valueText),
      memberText(keyText, valueText),
    ),
  ),
);

/** A reply as Go writes it, or any object with its members in any case and order. */
export const replyText = fc.oneof(
  fc
    .tuple(
      valueText,
      valueText,
      fc.oneof(fc.constant('null'), stringText),
      fc.constantFrom('\n', ''),
    )
    .map(([id, result, error, end]) => `{"id":${id},"result":${result},"error":${error}}${end}`),
  padded(
    objectOf(
      fc.oneof(
        memberText(fc.constantFrom('"id"', '"ID"'), valueText),
        memberText(fc.constantFrom('"result"', '"Result"'), valueText),
        memberText(fc.constantFrom('"error"', '"Error"'), fc.oneof(fc.constant('null'), valueText)),
        memberText(keyText, valueText),
      ),
    ),
  ),
);

/** A text with one character replaced or dropped: usually no longer JSON. */
export function broken(text: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc
    .tuple(text, fc.nat(), fc.constantFrom('', ',', '}', ']', '"', ' ', '\\', '1', ':', '\u0001'))
    .map(([valid, at, replacement]) => {
      const cut = valid.length === 0 ? 0 : at % valid.length;
      return valid.slice(0, cut) + replacement + valid.slice(cut + 1);
    });
}
