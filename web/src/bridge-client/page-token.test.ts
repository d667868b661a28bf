import { describe, expect, it } from 'vitest';
import { checkBridgeAccess, type FetchLike } from './access-check';
import { TOKEN_STORAGE_KEY, type TokenPlace, takePageToken } from './page-token';

function place(href: string, stored: Record<string, string> = {}) {
  const url = new URL(href);
  const storage = new Map(Object.entries(stored));
  const replaced: string[] = [];
  const tokenPlace: TokenPlace = {
    location: { hash: url.hash, pathname: url.pathname, search: url.search },
    history: {
      state: { kept: true },
      replaceState: (_data, _unused, next) => replaced.push(next ?? ''),
    },
    storage: {
      getItem: (key) => storage.get(key) ?? null,
      setItem: (key, value) => {
        storage.set(key, value);
      },
    },
  };
  return { tokenPlace, storage, replaced };
}

describe('takePageToken', () => {
  it('takes the token from the fragment, stores it for this tab and clears the address bar', () => {
    const { tokenPlace, storage, replaced } = place(
      'http://127.0.0.1:7420/calls?x=1#token=fresh-token-0123456789',
    );
    expect(takePageToken(tokenPlace)).toBe('fresh-token-0123456789');
    expect(storage.get(TOKEN_STORAGE_KEY)).toBe('fresh-token-0123456789');
    expect(replaced).toEqual(['/calls?x=1']);
  });

  it('uses the stored token on a reload without a fragment, and touches nothing', () => {
    const { tokenPlace, replaced } = place('http://127.0.0.1:7420/', {
      [TOKEN_STORAGE_KEY]: 'stored-token-0123456789',
    });
    expect(takePageToken(tokenPlace)).toBe('stored-token-0123456789');
    expect(replaced).toEqual([]);
  });

  it('prefers a new fragment over a stored token (the bridge restarted)', () => {
    const { tokenPlace, storage } = place('http://127.0.0.1:7420/#token=newer-token-0123456789', {
      [TOKEN_STORAGE_KEY]: 'older-token-0123456789',
    });
    expect(takePageToken(tokenPlace)).toBe('newer-token-0123456789');
    expect(storage.get(TOKEN_STORAGE_KEY)).toBe('newer-token-0123456789');
  });

  it('has no token when neither place has one', () => {
    expect(takePageToken(place('http://127.0.0.1:7420/').tokenPlace)).toBeNull();
  });
});

describe('checkBridgeAccess', () => {
  const answering = (
    status: number,
    body = '',
  ): FetchLike & { seen: Array<Record<string, string>> } => {
    const seen: Array<Record<string, string>> = [];
    const fetchFn = async (_url: string, init: { headers: Record<string, string> }) => {
      seen.push(init.headers);
      return { status, text: async () => body };
    };
    return Object.assign(fetchFn, { seen });
  };

  it('sends the token in its header and reads a 403 reason', async () => {
    const fetchFn = answering(403, "this page's access token was refused\n");
    expect(await checkBridgeAccess(fetchFn, 'tab-token-0123456789')).toBe(
      "this page's access token was refused",
    );
    expect(fetchFn.seen[0]).toEqual({ 'x-rpc-playground-token': 'tab-token-0123456789' });
  });

  it('reports nothing when access is fine or the bridge cannot be asked', async () => {
    expect(await checkBridgeAccess(answering(204), 'tab-token-0123456789')).toBeNull();
    expect(await checkBridgeAccess(answering(502), null)).toBeNull();
    const failing: FetchLike = async () => {
      throw new TypeError('Failed to fetch');
    };
    expect(await checkBridgeAccess(failing, null)).toBeNull();
  });
});
