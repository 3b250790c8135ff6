/**
 * Named prepared statements: PostgreSQL parses and plans each data statement once per
 * connection, then only binds. The name carries the model version (a publish may change the
 * tables, and with them a statement's result type) and a hash of the text. Names are handed out
 * for a bounded number of texts, so no connection keeps an unbounded set; beyond that a
 * statement simply runs unnamed.
 */
import { createHash } from 'node:crypto';

import type pg from 'pg';

export const MAX_NAMED = 5000;
const names = new Map<string, string>();

export function prepared(version: number, text: string, values: unknown[]): pg.QueryConfig {
  const key = `${version}\u0000${text}`;
  let name = names.get(key);
  if (!name && names.size < MAX_NAMED) {
    name = `t${version}_${createHash('sha1').update(text).digest('base64url').slice(0, 22)}`;
    names.set(key, name);
  }
  return name ? { name, text, values } : { text, values };
}
