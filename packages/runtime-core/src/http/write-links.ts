/**
 * Many-to-many fields written by id (`tags: ["<id>", …]`): the list replaces the row's links,
 * inside the same statement as the row itself, as data-modifying CTEs on the junction table.
 */
import { quoteIdent } from '@tessera/meta';

import type { Link } from '../query/links';
import { UUID } from './result';

export const MAX_LINKS = 1000;

/** The distinct ids of a list field, or the message that says what is wrong with it. */
export function checkIdList(
  value: unknown,
): { ok: true; ids: string[] } | { ok: false; message: string } {
  if (!Array.isArray(value) || value.length > MAX_LINKS)
    return { ok: false, message: `Expected a list of at most ${MAX_LINKS} ids` };
  const ids = new Set<string>();
  for (const id of value) {
    if (typeof id !== 'string' || !UUID.test(id)) return { ok: false, message: 'Expected ids' };
    ids.add(id.toLowerCase());
  }
  return { ok: true, ids: [...ids].sort() };
}

const junctionRef = (project: string, link: Link) =>
  `${quoteIdent(project)}.${quoteIdent(link.junction!.table)}`;

/**
 * CTEs that make row `r`'s links equal `ids` ($index), and the expression that shows them in
 * the answer. Creating only inserts; updating also removes the links no longer listed.
 */
export function replaceLinks(
  project: string,
  link: Link,
  index: number,
  name: string,
  updating: boolean,
  /** A condition on each listed id (`u`) that refuses it, as a missing row, when it fails. */
  guard: (id: string) => string,
): { ctes: string[]; shown: string } {
  const table = junctionRef(project, link);
  const self = quoteIdent(link.junction!.self);
  const other = quoteIdent(link.junction!.other);
  const ctes = [
    `${name}_add AS (INSERT INTO ${table} (${self}, ${other}) SELECT r."id", u FROM r, unnest($${index}::uuid[]) u WHERE ${guard('u')}${updating ? ` ON CONFLICT (${self}, ${other}) DO NOTHING` : ''})`,
  ];
  if (updating)
    ctes.unshift(
      `${name}_del AS (DELETE FROM ${table} j USING r WHERE j.${self} = r."id" AND NOT (j.${other} = ANY ($${index}::uuid[])))`,
    );
  return { ctes, shown: `to_json($${index}::uuid[])` };
}

/** The current links of row alias `e`, for an answer that did not change them. */
export function currentLinks(project: string, link: Link): string {
  const table = junctionRef(project, link);
  return `to_json(ARRAY(SELECT j.${quoteIdent(link.junction!.other)} FROM ${table} j WHERE j.${quoteIdent(link.junction!.self)} = e."id" ORDER BY 1))`;
}
