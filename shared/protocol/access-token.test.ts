import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  describeBadToken,
  fragmentWithoutToken,
  isValidToken,
  tokenFromFragment,
  tokenFromProtocols,
  tokenProtocol,
} from './access-token';
import { SUBPROTOCOL } from './bridge-protocol';

const TOKEN_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._~-'.split('');
const tokenArb = fc
  .array(fc.constantFrom(...TOKEN_CHARS), { minLength: 16, maxLength: 256 })
  .map((chars) => chars.join(''));

describe('access token', () => {
  it('round-trips any valid token through the offered subprotocols', () => {
    fc.assert(
      fc.property(tokenArb, (token) => {
        expect(isValidToken(token)).toBe(true);
        expect(tokenFromProtocols(`${SUBPROTOCOL}, ${tokenProtocol(token)}`)).toBe(token);
        expect(tokenFromFragment(`#token=${token}`)).toBe(token);
      }),
      { seed: 5, numRuns: 200 },
    );
  });

  it('finds no token when none or two are offered', () => {
    expect(tokenFromProtocols(undefined)).toBeNull();
    expect(tokenFromProtocols(SUBPROTOCOL)).toBeNull();
    const two = `${tokenProtocol('a'.repeat(16))}, ${tokenProtocol('b'.repeat(16))}`;
    expect(tokenFromProtocols(two)).toBeNull();
  });

  it('never throws on arbitrary header text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const token = tokenFromProtocols(text);
        expect(token === null || typeof token === 'string').toBe(true);
      }),
      { seed: 6, numRuns: 300 },
    );
  });

  it('explains why a chosen token is refused', () => {
    expect(describeBadToken('short')).toContain('at least 16');
    expect(describeBadToken('x'.repeat(257))).toContain('at most 256');
    expect(describeBadToken('has space inside it!')).toContain('only letters');
    expect(describeBadToken('a-good_token.1234~')).toBeNull();
  });

  it('reads the token from the fragment and removes only it', () => {
    const token = 'Abc_def-0123456789';
    expect(tokenFromFragment(`#view=steps&token=${token}`)).toBe(token);
    expect(tokenFromFragment('#token=bad token')).toBeNull();
    expect(tokenFromFragment('')).toBeNull();
    expect(fragmentWithoutToken(`#token=${token}`)).toBe('');
    expect(fragmentWithoutToken(`#view=steps&token=${token}`)).toBe('#view=steps');
  });
});
