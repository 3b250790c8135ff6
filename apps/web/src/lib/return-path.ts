/**
 * Where to go after signing in (`/login?next=…`): a path on this origin only. Anything else (an
 * absolute URL, `//host`, a backslash that browsers read as a slash, control characters) is
 * ignored, so the sign-in page cannot be used to send someone elsewhere.
 */
export function returnPath(next: string | string[] | undefined | null): string | null {
  if (typeof next !== 'string' || next.length > 2048) return null;
  const control = [...next].some((ch) => ch.charCodeAt(0) < 0x20 || ch === '\\');
  if (!next.startsWith('/') || next.startsWith('//') || control) return null;
  const url = new URL(next, 'http://console.invalid');
  return url.origin === 'http://console.invalid' ? `${url.pathname}${url.search}${url.hash}` : null;
}
