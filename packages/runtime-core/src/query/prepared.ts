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
// By version, then by text: the texts are the plans' cached strings, whose hashes V8 keeps.
const names = new Map<number, Map<string, string>>();
let named = 0;

export function prepared(version: number, text: string, values: unknown[]): pg.QueryConfig {
  let byText = names.get(version);
  if (!byText) names.set(version, (byText = new Map<string, string>()));
  let name = byText.get(text);
  if (!name && named < MAX_NAMED) {
    name = `t${version}_${createHash('sha1').update(text).digest('base64url').slice(0, 22)}`;
    byText.set(text, name);
    named++;
  }
  return name ? { name, text, values } : { text, values };
}
