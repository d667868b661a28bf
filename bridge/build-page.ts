import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Newest modification time of any file under `dir` (0 if there is none). */
async function newestMtime(dir: string): Promise<number> {
  let newest = 0;
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    if (entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    const mtime = entry.isDirectory()
      ? await newestMtime(path)
      : entry.isFile()
        ? (await stat(path)).mtimeMs
        : 0;
    newest = Math.max(newest, mtime);
  }
  return newest;
}

/** True when the built page is missing or older than any of its sources. */
export async function isPageStale(
  builtIndex: string,
  sourceDirs: readonly string[],
): Promise<boolean> {
  let builtAt: number;
  try {
    builtAt = (await stat(builtIndex)).mtimeMs;
  } catch {
    return true;
  }
  for (const dir of sourceDirs) {
    if ((await newestMtime(dir)) > builtAt) return true;
  }
  return false;
}

/** Runs Vite's production build with the repository's config; Vite is loaded only when needed. */
export async function buildPage(repoRoot: string): Promise<void> {
  const { build } = await import('vite');
  await build({
    configFile: join(repoRoot, 'vite.config.ts'),
    root: join(repoRoot, 'web'),
    logLevel: 'warn',
  });
}
