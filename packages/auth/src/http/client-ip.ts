/**
 * The client's address. `X-Forwarded-For` is believed only when the direct peer is one of the
 * configured trusted proxies; then the right-most untrusted entry is the client.
 */
import { isIP } from 'node:net';

export function clientIp(options: {
  remoteAddress: string | undefined;
  forwardedFor: string | null | undefined;
  trustedProxies: readonly string[];
}): string {
  const remote = normalise(options.remoteAddress ?? '') || 'unknown';
  if (!options.forwardedFor || !options.trustedProxies.includes(remote)) return remote;
  const hops = options.forwardedFor
    .split(',')
    .map((h) => normalise(h.trim()))
    .filter((h) => isIP(h) !== 0);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    if (!options.trustedProxies.includes(hop)) return hop;
  }
  return hops[0] ?? remote;
}

function normalise(address: string): string {
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}
