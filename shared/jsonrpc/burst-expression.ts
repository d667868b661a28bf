/**
 * The arithmetic allowed inside a burst template placeholder: integers,
 * + - * / %, parentheses, unary minus, and the names `i` (call index) and `N`
 * (burst size). A small recursive-descent evaluator, so user text is never
 * handed to eval. Division truncates toward zero, as in Go. Rules BT1–BT5 in README.
 */

export type BurstVariables = { i: number; N: number };

class ExpressionError extends Error {}

export function evaluateBurstExpression(
  expr: string,
  vars: BurstVariables,
): number | { problem: string } {
  let at = 0;

  const skipSpaces = (): void => {
    while (expr[at] === ' ' || expr[at] === '\t') at++;
  };

  const fail = (what: string): never => {
    throw new ExpressionError(`${what} at character ${at} of "${expr}"`);
  };

  const checked = (value: number): number => {
    if (!Number.isSafeInteger(value)) fail('result too large');
    return value;
  };

  const primary = (): number => {
    skipSpaces();
    const ch = expr[at];
    if (ch === '(') {
      at++;
      const value = sum();
      skipSpaces();
      if (expr[at] !== ')') fail("expected ')'");
      at++;
      return value;
    }
    if (ch === '-') {
      at++;
      return checked(-primary());
    }
    if (ch === 'i' || ch === 'N') {
      at++;
      return vars[ch];
    }
    const digits = /^[0-9]+/.exec(expr.slice(at));
    if (!digits) return fail(ch === undefined ? 'unexpected end' : `unexpected "${ch}"`);
    at += digits[0].length;
    return checked(Number(digits[0]));
  };

  const product = (): number => {
    let value = primary();
    for (;;) {
      skipSpaces();
      const op = expr[at];
      if (op !== '*' && op !== '/' && op !== '%') return value;
      at++;
      const right = primary();
      if (op === '*') value = checked(value * right);
      else if (right === 0) fail('division by zero');
      else value = op === '/' ? Math.trunc(value / right) : value % right;
    }
  };

  const sum = (): number => {
    let value = product();
    for (;;) {
      skipSpaces();
      const op = expr[at];
      if (op !== '+' && op !== '-') return value;
      at++;
      const right = product();
      value = checked(op === '+' ? value + right : value - right);
    }
  };

  try {
    const value = sum();
    skipSpaces();
    if (at < expr.length) fail(`unexpected "${expr[at]}"`);
    // -0 would print as 0 anyway; normalise so callers compare cleanly.
    return value === 0 ? 0 : value;
  } catch (error) {
    if (error instanceof ExpressionError) return { problem: error.message };
    throw error;
  }
}
