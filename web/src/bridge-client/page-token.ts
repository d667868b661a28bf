import { fragmentWithoutToken, tokenFromFragment } from '../../../shared/protocol/access-token';

/**
 * The bridge's per-launch access token, as this tab knows it. The bridge
 * prints it once in the page URL's fragment; the page moves it out of the
 * address bar at once (so it is not shared with a screenshot or a copied
 * link) and keeps it in sessionStorage, so a reload of this tab still works
 * and other tabs and later sessions do not inherit it.
 */

export const TOKEN_STORAGE_KEY = 'rpc-playground.token';

export type TokenPlace = {
  location: { hash: string; pathname: string; search: string };
  history: { state: unknown; replaceState(data: unknown, unused: string, url?: string): void };
  storage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
};

/** Takes the token from the fragment (removing it) or from this tab's storage; null if neither has one. */
export function takePageToken({ location, history, storage }: TokenPlace): string | null {
  const fresh = tokenFromFragment(location.hash);
  if (fresh !== null) {
    storage.setItem(TOKEN_STORAGE_KEY, fresh);
    history.replaceState(
      history.state,
      '',
      `${location.pathname}${location.search}${fragmentWithoutToken(location.hash)}`,
    );
    return fresh;
  }
  return storage.getItem(TOKEN_STORAGE_KEY);
}
