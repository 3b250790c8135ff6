/**
 * The relations seen from one entity, as named links: a to-one key (`order.customer`), its
 * inverse list (`customer.orders`), and many-to-many lists on both sides (`order.tags`,
 * `tag.orders`). Filters, expansions and relation writes all walk relations through these.
 */
import {
  type Entity,
  junctionColumns,
  junctionTable,
  type ModelDocument,
  quoteIdent,
  relationField,
} from '@tessera/meta';

export interface Link {
  /** The name on the source entity. */
  name: string;
  target: Entity;
  /** A field of the source (a to-one key or a many-to-many list), named in field lists. */
  field: boolean;
  /** One related row (to-one, or the inverse of a one-to-one) or a list. */
  cardinality: 'one' | 'many';
  /** A to-one key column on the source, which reads as the related id. */
  column?: string;
  /** Many-to-many: the junction table and its columns for this side. */
  junction?: { table: string; self: string; other: string };
  /**
   * The FROM and WHERE that reach the related rows (alias `t`) of source row alias `s`, live
   * rows only.
   */
  reach: (s: string, t: string) => { from: string; where: string };
}

const links = new WeakMap<Entity, ReadonlyMap<string, Link>>();

export function linksOf(doc: ModelDocument, entity: Entity): ReadonlyMap<string, Link> {
  const known = links.get(entity);
  if (known) return known;
  const table = (code: string) => `${quoteIdent(doc.project)}.${quoteIdent(code)}`;
  const entityOf = (code: string) => doc.entities.find((e) => e.code === code)!;
  const live = (target: Entity, t: string) =>
    target.softDelete ? ` AND ${t}."deleted_at" IS NULL` : '';
  const map = new Map<string, Link>();
  for (const relation of doc.relations) {
    if (relation.type !== 'many-to-many') {
      if (relation.from === entity.code) {
        const target = entityOf(relation.to);
        const column = relationField(relation);
        map.set(column, {
          name: column,
          target,
          field: true,
          cardinality: 'one',
          column,
          reach: (s, t) => ({
            from: `${table(target.code)} ${t}`,
            where: `${t}."id" = ${s}.${quoteIdent(column)}${live(target, t)}`,
          }),
        });
      }
      if (relation.to === entity.code && relation.inverse) {
        const target = entityOf(relation.from);
        const column = relationField(relation);
        map.set(relation.inverse, {
          name: relation.inverse,
          target,
          field: false,
          cardinality: relation.type === 'one-to-one' ? 'one' : 'many',
          reach: (s, t) => ({
            from: `${table(target.code)} ${t}`,
            where: `${t}.${quoteIdent(column)} = ${s}."id"${live(target, t)}`,
          }),
        });
      }
      continue;
    }
    const columns = junctionColumns(relation);
    const sides: { name: string | undefined; self: string; other: string; target: string }[] = [];
    if (relation.from === entity.code)
      sides.push({
        name: relationField(relation),
        self: columns.from,
        other: columns.to,
        target: relation.to,
      });
    if (relation.to === entity.code && relation.inverse)
      sides.push({
        name: relation.inverse,
        self: columns.to,
        other: columns.from,
        target: relation.from,
      });
    for (const side of sides) {
      if (!side.name) continue;
      const target = entityOf(side.target);
      const junction = { table: junctionTable(relation), self: side.self, other: side.other };
      map.set(side.name, {
        name: side.name,
        target,
        field: true,
        cardinality: 'many',
        junction,
        reach: (s, t) => ({
          from: `${table(target.code)} ${t} JOIN ${table(junction.table)} ${t}_j ON ${t}_j.${quoteIdent(junction.other)} = ${t}."id"`,
          where: `${t}_j.${quoteIdent(junction.self)} = ${s}."id"${live(target, t)}`,
        }),
      });
    }
  }
  links.set(entity, map);
  return map;
}

/** Every field a permission's field list may name: own fields, to-one keys, many-to-many lists. */
export function permissionFields(doc: ModelDocument, entity: Entity): string[] {
  const linked = [...linksOf(doc, entity).values()].filter((l) => l.field).map((l) => l.name);
  return [...new Set([...entity.fields.map((f) => f.code), ...linked])];
}
