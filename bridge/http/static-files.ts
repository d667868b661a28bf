import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, sep } from 'node:path';
import { mimeTypeOf } from './mime-types';

/**
 * Serves the built page and nothing else. Threat: a request path that walks
 * out of the root (`..`, `%2e%2e`, `%2f`, backslashes, NUL, or a symlink) would
 * expose any file this user can read, so paths are checked after decoding and
 * again after resolving symlinks.
 */

/**
 * Monaco injects <style> elements, hence 'unsafe-inline' for styles only.
 * Workers are bundled files ('self') or blob: URLs.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const NO_PAGE_TEXT =
  'This bridge serves no page: build it with `npm run build` and restart, or use `npm run dev` and open the Vite URL it prints.\n';

export type StaticHandler = (req: IncomingMessage, res: ServerResponse) => void;

function send(res: ServerResponse, status: number, text: string, head: boolean): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  });
  res.end(head ? undefined : text);
}

/** The path segments of a request, or null if the path tries to leave the root. */
export function safeSegments(url: string): string[] | null {
  const rawPath = url.split(/[?#]/)[0] ?? '';
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  if (!path.startsWith('/') || path.includes('\0') || path.includes('\\')) return null;
  const segments = path.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.some((s) => s === '..' || s.startsWith('.'))) return null;
  return segments;
}

type FoundFile = { path: string; size: number };

async function fileInside(root: string, segments: readonly string[]): Promise<FoundFile | null> {
  try {
    const real = await realpath(join(root, ...segments));
    if (!real.startsWith(root + sep)) return null;
    const info = await stat(real);
    return info.isFile() ? { path: real, size: info.size } : null;
  } catch {
    return null;
  }
}

/** `root` null: no page to serve, every request gets a hint instead. */
export function createStaticHandler(root: string | null): StaticHandler {
  const realRoot = root === null ? Promise.resolve(null) : realpath(root).catch(() => null);
  return (req, res) => {
    const head = req.method === 'HEAD';
    if (req.method !== 'GET' && !head) {
      res.setHeader('Allow', 'GET, HEAD');
      send(res, 405, 'method not allowed\n', false);
      return;
    }
    void (async () => {
      const base = await realRoot;
      if (base === null) {
        send(res, 404, NO_PAGE_TEXT, head);
        return;
      }
      const segments = safeSegments(req.url ?? '/');
      if (segments === null) {
        send(res, 404, 'not found\n', head);
        return;
      }
      const last = segments[segments.length - 1];
      // Paths without an extension are the single-page app's own routes.
      const isRoute = last === undefined || !last.includes('.');
      const file = isRoute
        ? await fileInside(base, ['index.html'])
        : await fileInside(base, segments);
      if (file === null) {
        send(res, 404, isRoute ? NO_PAGE_TEXT : 'not found\n', head);
        return;
      }
      serveFile(res, file, segments[0] === 'assets' && !isRoute, head);
    })().catch(() => {
      // An unexpected failure must cost this one response, not the bridge process.
      res.destroy();
    });
  };
}

function serveFile(res: ServerResponse, file: FoundFile, immutable: boolean, head: boolean): void {
  res.writeHead(200, {
    'Content-Type': mimeTypeOf(file.path),
    'Content-Length': file.size,
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    // Vite puts content-hashed files under assets/; everything else may change.
    'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    'Referrer-Policy': 'no-referrer',
  });
  if (head) {
    res.end();
    return;
  }
  const stream = createReadStream(file.path);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
