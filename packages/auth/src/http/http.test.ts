import { describe, expect, it } from 'vitest';

import { clientIp } from './client-ip';
import { readCookie, serializeSessionCookie } from './cookie';
import { readCredential } from './credentials';
import { isCrossSiteRequest } from './csrf';

const host = 'console.example.com';

describe('session cookie', () => {
  it('is HttpOnly, SameSite=Lax, Path=/ and Secure only over https', () => {
    const expiresAt = new Date('2030-01-01T00:00:00Z');
    const plain = serializeSessionCookie('a.b', { expiresAt, secure: false });
    expect(plain).toContain('HttpOnly');
    expect(plain).toContain('SameSite=Lax');
    expect(plain).toContain('Path=/');
    expect(plain).not.toContain('Secure');
    expect(serializeSessionCookie('a.b', { expiresAt, secure: true })).toContain('; Secure');
    expect(readCookie('x=1; tessera_session=a.b', 'tessera_session')).toBe('a.b');
  });
});

describe('readCredential', () => {
  it('prefers a bearer token over the cookie', () => {
    const headers = new Headers({ authorization: 'Bearer tk_a.b', cookie: 'tessera_session=c.d' });
    expect(readCredential(headers)).toEqual({ token: 'tk_a.b', source: 'bearer' });
    expect(readCredential(new Headers({ cookie: 'tessera_session=c.d' }))).toEqual({
      token: 'c.d',
      source: 'cookie',
    });
    expect(readCredential(new Headers({ authorization: 'Basic xyz' }))).toBeNull();
  });
});

describe('isCrossSiteRequest', () => {
  it('uses Sec-Fetch-Site when present', () => {
    expect(isCrossSiteRequest(new Headers({ 'sec-fetch-site': 'same-origin' }), { host })).toBe(
      false,
    );
    expect(isCrossSiteRequest(new Headers({ 'sec-fetch-site': 'cross-site' }), { host })).toBe(
      true,
    );
    expect(isCrossSiteRequest(new Headers({ 'sec-fetch-site': 'same-site' }), { host })).toBe(true);
  });

  it('trusts an allowed Origin even from another port of the same site', () => {
    const headers = new Headers({
      'sec-fetch-site': 'same-site',
      origin: 'http://localhost:3000',
    });
    expect(isCrossSiteRequest(headers, { host, allowedOrigins: ['http://localhost:3000'] })).toBe(
      false,
    );
    expect(isCrossSiteRequest(headers, { host, allowedOrigins: ['http://localhost:3001'] })).toBe(
      true,
    );
  });

  it('falls back to comparing Origin with the host', () => {
    expect(isCrossSiteRequest(new Headers({ origin: `https://${host}` }), { host })).toBe(false);
    expect(isCrossSiteRequest(new Headers({ origin: 'https://evil.example' }), { host })).toBe(
      true,
    );
    expect(isCrossSiteRequest(new Headers({ origin: 'null' }), { host })).toBe(true);
  });

  it('refuses a cookie-bearing request with neither header, but not a bearer one', () => {
    expect(isCrossSiteRequest(new Headers({ cookie: 'tessera_session=a.b' }), { host })).toBe(true);
    expect(isCrossSiteRequest(new Headers({ authorization: 'Bearer x.y' }), { host })).toBe(false);
  });
});

describe('clientIp', () => {
  it('ignores X-Forwarded-For from an untrusted peer', () => {
    expect(
      clientIp({ remoteAddress: '203.0.113.9', forwardedFor: '1.2.3.4', trustedProxies: [] }),
    ).toBe('203.0.113.9');
  });

  it('takes the right-most untrusted hop behind a trusted proxy', () => {
    expect(
      clientIp({
        remoteAddress: '::ffff:10.0.0.2',
        forwardedFor: '6.6.6.6, 198.51.100.7, 10.0.0.3',
        trustedProxies: ['10.0.0.2', '10.0.0.3'],
      }),
    ).toBe('198.51.100.7');
  });
});
