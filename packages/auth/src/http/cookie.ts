/** The session cookie: HttpOnly, SameSite=Lax, Path=/, and Secure whenever served over https. */
export const SESSION_COOKIE = 'tessera_session';

export function serializeSessionCookie(
  token: string,
  options: { expiresAt: Date; secure: boolean },
): string {
  return [
    `${SESSION_COOKIE}=${token}`,
    'HttpOnly',
    'SameSite=Lax',
    'Path=/',
    `Expires=${options.expiresAt.toUTCString()}`,
    ...(options.secure ? ['Secure'] : []),
  ].join('; ');
}

export function serializeBlankSessionCookie(options: { secure: boolean }): string {
  return [
    `${SESSION_COOKIE}=`,
    'HttpOnly',
    'SameSite=Lax',
    'Path=/',
    'Max-Age=0',
    ...(options.secure ? ['Secure'] : []),
  ].join('; ');
}

export function readCookie(cookieHeader: string | null | undefined, name: string): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(';')) {
    const index = part.indexOf('=');
    if (index === -1) continue;
    if (part.slice(0, index).trim() === name) return part.slice(index + 1).trim() || null;
  }
  return null;
}

/** True when the request reached us over https, directly or through a trusted proxy. */
export function isSecureRequest(url: string, headers: Headers): boolean {
  return url.startsWith('https:') || headers.get('x-forwarded-proto') === 'https';
}
