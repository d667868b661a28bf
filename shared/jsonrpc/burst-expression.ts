/**
 * The arithmetic allowed inside a burst template placeholder: integers,
 * + - * / %, parentheses, unary minus, and the names `i` (call index) and `N`
 * (burst size). A small recursive-descent parser, so user text is never
 * handed to eval. Division truncates toward zero, as in Go. Rules BT1–BT6 in README.
 *
 * An expression is parsed once into closures and evaluated per call: a burst
 * of 10,000 evaluates the same few expressions 10,000 times each (BT6).
 */

export type BurstVariables = { i: number; N: number };

/** A parsed expression; a problem met while evaluating (division by zero, overflow) is returned, not thrown. */
export type CompiledBurstExpression = (vars: BurstVariables) => number | { problem: string };

class ExpressionError extends Error {}

/** Evaluates one parsed piece; throws ExpressionError on division by zero or overflow. */
type Node = (vars: BurstVariables) => number;

export function compileBurstExpression(
  expr: string,
): CompiledBurstExpression | { problem: string } {
  let at = 0;

  const problemAt = (what: string, where: number) =>
    new ExpressionError(`${what} at character ${where} of "${expr}"`);

  const skipSpaces = (): void => {
    while (expr[at] === ' ' || expr[at] === '\t') at++;
  };

  const fail = (what: string): never => {
    throw problemAt(what, at);
  };

  /** `where`: the character after the operand that produced the value, as the problem names it. */
  const checked = (value: number, where: number): number => {
    if (!Number.isSafeInteger(value)) throw problemAt('result too large', where);
    return value;
  };

  const primary = (): Node => {
    skipSpaces();
    const ch = expr[at];
    if (ch === '(') {
      at++;
      const inner = sum();
      skipSpaces();
      if (expr[at] !== ')') fail("expected ')'");
      at++;
      return inner;
    }
    if (ch === '-') {
      at++;
      const operand = primary();
      const where = at;
      return (vars) => checked(-operand(vars), where);
    }
    if (ch === 'i') {
      at++;
      return (vars) => vars.i;
    }
    if (ch === 'N') {
      at++;
      return (vars) => vars.N;
    }
    const digits = /^[0-9]+/.exec(expr.slice(at));
    if (!digits) return fail(ch === undefined ? 'unexpected end' : `unexpected "${ch}"`);
    at += digits[0].length;
    const value = checked(Number(digits[0]), at);
    return () => value;
  };

  const product = (): Node => {
    let node = primary();
    for (;;) {
      skipSpaces();
      const op = expr[at];
      if (op !== '*' && op !== '/' && op !== '%') return node;
      at++;
      const left = node;
      const right = primary();
      const where = at;
      node =
        op === '*'
          ? (vars) => checked(left(vars) * right(vars), where)
          : (vars) => {
              const dividend = left(vars);
              const divisor = right(vars);
              if (divisor === 0) throw problemAt('division by zero', where);
              return op === '/' ? Math.trunc(dividend / divisor) : dividend % divisor;
            };
    }
  };

  const sum = (): Node => {
    let node = product();
    for (;;) {
      skipSpaces();
      const op = expr[at];
      if (op !== '+' && op !== '-') return node;
      at++;
      const left = node;
      const right = product();
      const where = at;
      node =
        op === '+'
          ? (vars) => checked(left(vars) + right(vars), where)
          : (vars) => checked(left(vars) - right(vars), where);
    }
  };

  let root: Node;
  try {
    root = sum();
    skipSpaces();
    if (at < expr.length) fail(`unexpected "${expr[at]}"`);
  } catch (error) {
    if (error instanceof ExpressionError) return { problem: error.message };
    throw error;
  }
  return (vars) => {
    try {
      const value = root(vars);
      // -0 would print as 0 anyway; normalise so callers compare cleanly.
      return value === 0 ? 0 : value;
    } catch (error) {
      if (error instanceof ExpressionError) return { problem: error.message };
      throw error;
    }
  };
}

export function evaluateBurstExpression(
  expr: string,
  vars: BurstVariables,
): number | { problem: string } {
  const compiled = compileBurstExpression(expr);
  return typeof compiled === 'function' ? compiled(vars) : compiled;
}
