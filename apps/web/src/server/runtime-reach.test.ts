/** The console's server reaching the runtime: its internal address, and a pause after failures. */
import { describe, expect, it } from 'vitest';

import { internalUrl, RuntimeReach } from './runtime-reach';

describe('internalUrl', () => {
  it('moves a runtime address to the internal one', () => {
    expect(
      internalUrl(
        'https://data.example.com/api/v1/shop/order?page=1',
        'https://data.example.com/',
        'http://runtime:3200',
      ),
    ).toBe('http://runtime:3200/api/v1/shop/order?page=1');
  });

  it('leaves it alone without both addresses, or when it is elsewhere', () => {
    const url = 'http://localhost:3200/api/v1/shop/order';
    expect(internalUrl(url, 'http://localhost:3200', undefined)).toBe(url);
    expect(internalUrl(url, undefined, 'http://runtime:3200')).toBe(url);
    // A prefix of the host is not the same address.
    expect(internalUrl('http://localhost:32000/x', 'http://localhost:3200', 'http://rt')).toBe(
      'http://localhost:32000/x',
    );
  });
});

describe('RuntimeReach', () => {
  it('pauses after a failure and tries again once the pause is over', () => {
    let now = 1_000;
    const reach = new RuntimeReach(30_000, () => now);
    expect(reach.open).toBe(true);
    reach.failed();
    expect(reach.open).toBe(false);
    now += 29_999;
    expect(reach.open).toBe(false);
    now += 1;
    expect(reach.open).toBe(true);
    reach.failed();
    reach.succeeded();
    expect(reach.open).toBe(true);
  });
});
