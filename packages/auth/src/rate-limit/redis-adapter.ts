/**
 * Lets @upstash/ratelimit run on a standard Redis. Its Lua scripts start with
 * `#!lua flags=allow-key-locking`, a flag only Upstash's server accepts, so the shebang line is
 * dropped before EVAL (EVALSHA of the original hash then misses and falls back to EVAL).
 */
import { Redis as IORedis } from 'ioredis';

export interface RatelimitRedis {
  evalsha: <TArgs extends unknown[], TData = unknown>(
    sha: string,
    keys: string[],
    args: TArgs,
  ) => Promise<TData>;
  eval: <TArgs extends unknown[], TData = unknown>(
    script: string,
    keys: string[],
    args: TArgs,
  ) => Promise<TData>;
}

export function stripShebang(script: string): string {
  return script.startsWith('#!') ? script.slice(script.indexOf('\n') + 1) : script;
}

export function createIORedis(url: string): IORedis {
  const client = new IORedis(url, {
    lazyConnect: true,
    // Fail fast rather than queue: the login path must answer 503 when Redis is down.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    commandTimeout: 2_000,
    retryStrategy: (times) => Math.min(times * 200, 2_000),
  });
  // Connection errors surface through the commands that fail; the event would only add noise.
  client.on('error', () => undefined);
  return client;
}

export function toRatelimitRedis(client: IORedis): RatelimitRedis {
  const ensureConnected = async () => {
    if (client.status === 'wait') await client.connect();
  };
  return {
    async evalsha(sha, keys, args) {
      await ensureConnected();
      return (await client.evalsha(
        sha,
        keys.length,
        ...keys,
        ...(args as (string | number)[]),
      )) as never;
    },
    async eval(script, keys, args) {
      await ensureConnected();
      return (await client.eval(
        stripShebang(script),
        keys.length,
        ...keys,
        ...(args as (string | number)[]),
      )) as never;
    },
  };
}
