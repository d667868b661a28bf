/**
 * Typed reads of JSON that came from outside the page (a session file, old
 * storage). Each read names where it looked, so a refusal can say exactly
 * what is wrong: "calls[3].stamps.invokedAt is not a number".
 */

/** A file, or part of one, that cannot be taken: `message` says where and why. */
export class SessionFileError extends Error {
  override name = 'SessionFileError';
}

export type Fields = { readonly path: string; readonly value: Record<string, unknown> };

/** Refuses what was found at `path`: "calls[3].stamps.invokedAt" + " is not a number". */
export function refuse(path: string, what: string): never {
  throw new SessionFileError(`${path} ${what}`);
}

export function objectAt(value: unknown, path: string): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return refuse(path, 'is not an object');
  return { path, value: value as Record<string, unknown> };
}

const pathOf = (fields: Fields, key: string) => (fields.path ? `${fields.path}.${key}` : key);

export function field(fields: Fields, key: string): Fields {
  return objectAt(fields.value[key], pathOf(fields, key));
}

export function nullableField(fields: Fields, key: string): Fields | null {
  return fields.value[key] === null ? null : field(fields, key);
}

export function arrayField(fields: Fields, key: string): readonly unknown[] {
  const value = fields.value[key];
  return Array.isArray(value) ? value : refuse(pathOf(fields, key), 'is not an array');
}

export function stringField(fields: Fields, key: string): string {
  const value = fields.value[key];
  return typeof value === 'string' ? value : refuse(pathOf(fields, key), 'is not a string');
}

export function nullableString(fields: Fields, key: string): string | null {
  return fields.value[key] === null ? null : stringField(fields, key);
}

export function booleanField(fields: Fields, key: string): boolean {
  const value = fields.value[key];
  return typeof value === 'boolean' ? value : refuse(pathOf(fields, key), 'is not true or false');
}

export function numberField(fields: Fields, key: string): number {
  const value = fields.value[key];
  return typeof value === 'number' && Number.isFinite(value)
    ? value
    : refuse(pathOf(fields, key), 'is not a number');
}

export function nullableNumber(fields: Fields, key: string): number | null {
  return fields.value[key] === null ? null : numberField(fields, key);
}

/** A whole number from 0 up: a count, an offset, a conn. */
export function countField(fields: Fields, key: string): number {
  const value = fields.value[key];
  return Number.isSafeInteger(value) && (value as number) >= 0
    ? (value as number)
    : refuse(pathOf(fields, key), 'is not a whole number from 0 up');
}

export function nullableCount(fields: Fields, key: string): number | null {
  return fields.value[key] === null ? null : countField(fields, key);
}

export function oneOf<T extends string>(fields: Fields, key: string, options: readonly T[]): T {
  const value = fields.value[key];
  return options.includes(value as T)
    ? (value as T)
    : refuse(pathOf(fields, key), `is not one of ${options.join(', ')}`);
}

/** A member that may be left out: undefined when absent, read when present. */
export function optional<T>(fields: Fields, key: string, read: () => T): T | undefined {
  return fields.value[key] === undefined ? undefined : read();
}
