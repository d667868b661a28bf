import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isPageStale } from './build-page';

let dir: string;
const at = (seconds: number) => new Date(seconds * 1000);

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bridge-build-'));
  await mkdir(join(dir, 'web', 'src'), { recursive: true });
  await mkdir(join(dir, 'dist'), { recursive: true });
  await writeFile(join(dir, 'web', 'src', 'main.ts'), '');
  await writeFile(join(dir, 'dist', 'index.html'), '');
  await utimes(join(dir, 'web', 'src', 'main.ts'), at(1000), at(1000));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('isPageStale', () => {
  const index = () => join(dir, 'dist', 'index.html');
  const sources = () => [join(dir, 'web'), join(dir, 'missing')];

  it('is stale when the page was never built', async () => {
    expect(await isPageStale(join(dir, 'dist', 'none.html'), sources())).toBe(true);
  });

  it('is fresh when the build is newer than every source', async () => {
    await utimes(index(), at(2000), at(2000));
    expect(await isPageStale(index(), sources())).toBe(false);
  });

  it('is stale when a nested source file changed after the build', async () => {
    await utimes(index(), at(500), at(500));
    expect(await isPageStale(index(), sources())).toBe(true);
  });
});
