import { describe, expect, it } from 'vitest';
import { DIALECT_NAMES } from '../client-stub/dialects';
import { requestSchema } from './request-schemas';

/** The schema with every title and description replaced by a mark: what validation sees. */
function rules(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(rules);
  if (typeof schema !== 'object' || schema === null) return schema;
  return Object.fromEntries(
    Object.entries(schema).map(([key, value]) =>
      key === 'title' || key === 'description' ? [key, 'words'] : [key, rules(value)],
    ),
  );
}

function words(schema: unknown): string[] {
  if (typeof schema !== 'object' || schema === null) return [];
  return Object.entries(schema).flatMap(([key, value]) =>
    key === 'title' || key === 'description' ? [String(value)] : words(value),
  );
}

describe('request schemas', () => {
  for (const dialect of DIALECT_NAMES) {
    it(`${dialect}: the same rules in both languages, every word in the page's language`, () => {
      const en = requestSchema(dialect, 'en');
      const zh = requestSchema(dialect, 'zh');
      expect(rules(zh)).toEqual(rules(en));
      expect(words(en).length).toBeGreaterThan(3);
      for (const text of words(en)) expect(text).not.toMatch(/[\u4e00-\u9fff]/);
      for (const text of words(zh)) expect(text).toMatch(/[\u4e00-\u9fff]/);
    });
  }
});
