import { describe, expect, it } from 'vitest';

import { contentSecurityPolicy, originOf } from './csp';

describe('contentSecurityPolicy', () => {
  it('lets scripts run only with the nonce, and requests go only to the console and runtime', () => {
    const policy = contentSecurityPolicy({
      nonce: 'abc123',
      runtimeOrigin: 'https://rt.example',
      dev: false,
    });
    const directives = Object.fromEntries(
      policy.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]),
    );
    expect(directives['script-src']).toEqual([
      "'self'",
      "'nonce-abc123'",
      "'strict-dynamic'",
      "'unsafe-eval'",
    ]);
    expect(directives['script-src']).not.toContain("'unsafe-inline'");
    expect(directives['connect-src']).toEqual(["'self'", 'https://rt.example']);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
  });

  it('opens hot reload only in development', () => {
    expect(contentSecurityPolicy({ nonce: 'n', runtimeOrigin: null, dev: true })).toContain(
      "connect-src 'self' ws:",
    );
    expect(originOf('http://localhost:3200/api')).toBe('http://localhost:3200');
    expect(originOf(undefined)).toBeNull();
  });
});
