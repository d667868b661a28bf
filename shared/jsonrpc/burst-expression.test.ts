import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileBurstExpression, evaluateBurstExpression } from './burst-expression';

describe('evaluateBurstExpression', () => {
  it('BT1: integers, + - * / % with precedence, parentheses, unary minus, i and N', () => {
    const vars = { i: 2, N: 5 };
    const cases: Array<[string, number]> = [
      ['7', 7],
      ['1 + 2 * 3', 7],
      ['(1 + 2) * 3', 9],
      ['(N-i)*40', 120],
      ['N - i - 1', 2],
      ['-i + 10', 8],
      ['--3', 3],
      ['i % 2', 0],
      ['100 / N / 2', 10],
    ];
    for (const [expr, value] of cases)
      expect([expr, evaluateBurstExpression(expr, vars)]).toEqual([expr, value]);
  });

  it('BT2: division truncates toward zero', () => {
    expect(evaluateBurstExpression('7 / 2', { i: 0, N: 1 })).toBe(3);
    expect(evaluateBurstExpression('-7 / 2', { i: 0, N: 1 })).toBe(-3);
    expect(evaluateBurstExpression('-7 % 2', { i: 0, N: 1 })).toBe(-1);
  });

  it('BT3: bad expressions are problems, never thrown', () => {
    const vars = { i: 0, N: 1 };
    expect(evaluateBurstExpression('1 / i', vars)).toEqual({
      problem: 'division by zero at character 5 of "1 / i"',
    });
    expect(evaluateBurstExpression('i +', vars)).toEqual({
      problem: 'unexpected end at character 3 of "i +"',
    });
    expect(evaluateBurstExpression('(1', vars)).toEqual({
      problem: 'expected \')\' at character 2 of "(1"',
    });
    expect(evaluateBurstExpression('x', vars)).toEqual({
      problem: 'unexpected "x" at character 0 of "x"',
    });
    expect(evaluateBurstExpression('1 2', vars)).toEqual({
      problem: 'unexpected "2" at character 2 of "1 2"',
    });
    expect(evaluateBurstExpression('99999999999 * 99999999999', vars)).toMatchObject({
      problem: expect.stringMatching(/^result too large/),
    });
  });

  it('BT6: parsed once, evaluated per call, it agrees with exact arithmetic on every call', () => {
    type Tree = { text: string; value: (vars: { i: bigint; N: bigint }) => bigint | null };
    const MAX = BigInt(Number.MAX_SAFE_INTEGER);
    // null: a division by zero or a result outside the safe integers, anywhere in the tree.
    const safe = (v: bigint | null) => (v === null || v > MAX || v < -MAX ? null : v);
    const leaf: fc.Arbitrary<Tree> = fc.oneof(
      fc.constantFrom<Tree>({ text: 'i', value: (v) => v.i }, { text: 'N', value: (v) => v.N }),
      fc
        .integer({ min: 0, max: 1_000_000 })
        .map((n) => ({ text: String(n), value: () => BigInt(n) })),
    );
    const tree = fc.letrec<{ node: Tree }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leaf,
        tie('node').map(
          (a): Tree => ({ text: `-(${a.text})`, value: (v) => safe(neg(a.value(v))) }),
        ),
        fc.tuple(tie('node'), fc.constantFrom('+', '-', '*', '/', '%'), tie('node')).map(
          ([a, op, b]): Tree => ({
            text: `(${a.text}) ${op} (${b.text})`,
            value: (v) => {
              const x = a.value(v);
              const y = b.value(v);
              if (x === null || y === null) return null;
              if (op === '+') return safe(x + y);
              if (op === '-') return safe(x - y);
              if (op === '*') return safe(x * y);
              if (y === 0n) return null;
              // BigInt division and remainder truncate toward zero, as Go's do.
              return op === '/' ? x / y : x % y;
            },
          }),
        ),
      ),
    })).node;
    const neg = (x: bigint | null) => (x === null ? null : -x);
    fc.assert(
      fc.property(
        tree,
        fc.array(fc.tuple(fc.nat(20), fc.nat(20)), { minLength: 1, maxLength: 5 }),
        (expr, calls) => {
          const compiled = compileBurstExpression(expr.text);
          expect(typeof compiled).toBe('function');
          if (typeof compiled !== 'function') return;
          for (const [i, N] of calls) {
            const want = expr.value({ i: BigInt(i), N: BigInt(N) });
            const got = compiled({ i, N });
            if (want === null) expect(got).toMatchObject({ problem: expect.any(String) });
            else expect(got).toBe(Number(want) === 0 ? 0 : Number(want));
          }
        },
      ),
      { seed: 61, numRuns: 400 },
    );
  });
});
