/** Physical names: where each entity, field and relation lives in PostgreSQL. */
import type { Relation } from '../document';
import { relationField } from '../document';
import { sha256Hex, utf8Length } from '../hash';
import { quoteIdent } from '../names';

const MAX_IDENTIFIER = 63;

export function tableRef(schema: string, table: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(table)}`;
}

/** A constraint or index name within PostgreSQL's 63 bytes, kept unique by a short hash. */
export function objectName(parts: string[], suffix: string): string {
  const full = `${parts.join('_')}_${suffix}`;
  if (utf8Length(full) <= MAX_IDENTIFIER) return full;
  const hash = sha256Hex(full).slice(0, 8);
  return `${full.slice(0, MAX_IDENTIFIER - suffix.length - hash.length - 2)}_${hash}_${suffix}`;
}

/** The two foreign-key columns of a many-to-many junction table. */
export function junctionColumns(relation: Relation): { from: string; to: string } {
  const from = relation.from;
  const to = relation.to === relation.from ? `related_${relation.to}` : relation.to;
  return { from, to };
}

/** The junction table of a many-to-many relation: its `through` entity, or one named after it. */
export function junctionTable(relation: Relation): string {
  return relation.through ?? relation.code;
}

export { relationField };
