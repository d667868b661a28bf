import { ACCESS_CHECK_PATH, TOKEN_HEADER } from '../../../shared/protocol/access-token';

/** The part of `fetch` the check uses; tests pass a stand-in. */
export type FetchLike = (
  url: string,
  init: { headers: Record<string, string>; cache: 'no-store' },
) => Promise<{ status: number; text(): Promise<string> }>;

/**
 * Asks the bridge why it refused this page's WebSocket: a browser cannot read
 * the 403 of an upgrade, so the same check is made over plain same-origin
 * HTTP. Returns the bridge's one-line reason, or null when access is fine or
 * the bridge cannot be asked (then it is simply unreachable).
 */
export async function checkBridgeAccess(
  fetchFn: FetchLike,
  token: string | null,
): Promise<string | null> {
  try {
    const answer = await fetchFn(ACCESS_CHECK_PATH, {
      headers: token === null ? {} : { [TOKEN_HEADER]: token },
      cache: 'no-store',
    });
    if (answer.status !== 403) return null;
    const reason = (await answer.text()).trim();
    return reason || 'the bridge refused this page';
  } catch {
    return null;
  }
}
