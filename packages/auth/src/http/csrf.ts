/**
 * Cross-site request check for state-changing requests that a browser could send with the
 * session cookie. An `Origin` listed in `allowedOrigins` (a browser sets it, pages cannot) is
 * trusted; otherwise `Sec-Fetch-Site` decides when present, and then `Origin` must match the host.
 * Requests that carry no cookie (bearer tokens, scripts) cannot be forged this way.
 */
import { readCookie, SESSION_COOKIE } from './cookie';

export function isCrossSiteRequest(
  headers: Pick<Headers, 'get'>,
  options: { host: string; allowedOrigins?: readonly string[] },
): boolean {
  const origin = headers.get('origin');
  if (origin && options.allowedOrigins?.includes(origin)) return false;
  const fetchSite = headers.get('sec-fetch-site');
  if (fetchSite) return fetchSite !== 'same-origin' && fetchSite !== 'none';
  if (!origin) {
    // Without either header only a non-browser client can be speaking; refuse it if it relies
    // on the ambient cookie rather than an explicit bearer token.
    return (
      readCookie(headers.get('cookie'), SESSION_COOKIE) !== null && !headers.get('authorization')
    );
  }
  try {
    return new URL(origin).host !== options.host;
  } catch {
    return true;
  }
}
