/** Where a request's credential comes from: `Authorization: Bearer`, else the session cookie. */
import { readCookie, SESSION_COOKIE } from './cookie';

export interface RequestCredential {
  token: string;
  source: 'bearer' | 'cookie';
}

export function readCredential(headers: Pick<Headers, 'get'>): RequestCredential | null {
  const authorization = headers.get('authorization');
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    return match?.[1] ? { token: match[1], source: 'bearer' } : null;
  }
  const cookie = readCookie(headers.get('cookie'), SESSION_COOKIE);
  return cookie ? { token: cookie, source: 'cookie' } : null;
}
