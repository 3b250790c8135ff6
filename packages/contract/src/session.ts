/**
 * What the contract's sections share: the implementation under test, a client per caller, and
 * the ids of the rows every section starts from. Filled in before the first test runs.
 */
import { expect, type TestFunction } from 'vitest';

import { type Answer, client } from './client';

export interface ContractTarget {
  base: string;
  /** May do everything. */
  admin: string;
  /** May read every entity, and nothing else. */
  reader: string;
  /** May do nothing with the data. */
  stranger: string;
  /** Holds RESTRICTED_GRANTS: reads paid orders without their total, and customers and tags. */
  restricted: string;
  /** Sets the budget per caller and minute, for the 429 checks. */
  setRateLimit?: (perMinute: number) => Promise<void>;
  /** Makes the database unreachable until the returned function is called. */
  holdDatabase?: () => Promise<() => Promise<void>>;
  stop: () => Promise<void>;
}

export interface Caller {
  get: (path: string) => Promise<Answer>;
  post: (path: string, body?: unknown, headers?: Record<string, string>) => Promise<Answer>;
  put: (path: string, body?: unknown, headers?: Record<string, string>) => Promise<Answer>;
  del: (path: string) => Promise<Answer>;
}

export interface ContractSession {
  /** Defines one test of the contract (as vitest's `it`, aware of the implementation's pending list). */
  it: (name: string, fn: TestFunction) => void;
  target: ContractTarget;
  /** Calls as the given token (null: no credentials). */
  as: (token: string | null) => Caller;
  admin: Caller;
  /** Rows created before the tests: ada, bob (customers), red (tag), order (Ada's). */
  ids: Record<string, string>;
  /** The id of a row an answer created; fails unless it is 200. */
  created: (answer: Answer) => string;
}

export function openSession(target: ContractTarget): Omit<ContractSession, 'it'> {
  const call = client(target.base);
  const as = (token: string | null): Caller => ({
    get: (path) => call('GET', path, { token }),
    post: (path, body, headers) => call('POST', path, { token, body, headers }),
    put: (path, body, headers) => call('PUT', path, { token, body, headers }),
    del: (path) => call('DELETE', path, { token }),
  });
  return {
    target,
    as,
    admin: as(target.admin),
    ids: {},
    created: (a) => {
      expect(a.status).toBe(200);
      return a.body.data.id as string;
    },
  };
}
