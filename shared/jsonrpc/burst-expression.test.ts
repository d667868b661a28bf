import { describe, expect, it } from 'vitest';
import { evaluateBurstExpression } from './burst-expression';

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
});
