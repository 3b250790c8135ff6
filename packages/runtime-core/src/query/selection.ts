/**
 * What a read returns: `fields` (with relation paths like `customer.name`) and `expand`
 * (`customer`, `customer.orders`, at most three levels), compiled into one SELECT list whose
 * related rows are built as JSON by correlated subqueries. Every level shows only what the
 * caller may read: hidden fields do not exist, related entities it may not read cannot be
 * expanded, and related rows outside its row filter are left out.
 */
import { type Entity, type ModelDocument, quoteIdent } from '@tessera/meta';

import { type AccessLookup, compileFilter, filterError } from './filter';
import { type Link, linksOf } from './links';
import { readColumns, systemColumns } from './read-plan';

export const MAX_EXPAND_DEPTH = 3;
/** An expanded list holds at most this many rows per parent row, ordered by id. */
export const MAX_EXPANDED_ROWS = 200;
const MAX_NAMES = 200;

export interface Selection {
  /** The names chosen at this level; null for every visible one. */
  fields: Set<string> | null;
  expand: Map<string, Selection>;
}

const split = (text: string | null) =>
  (text ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);

function child(node: Selection, name: string, explicit: boolean): Selection {
  let next = node.expand.get(name);
  if (!next)
    node.expand.set(name, (next = { fields: explicit ? new Set() : null, expand: new Map() }));
  return next;
}

/** Parses `fields` and `expand` into a tree; names are checked when it is compiled. */
export function parseSelection(fieldsParam: string | null, expandParam: string | null): Selection {
  const fields = split(fieldsParam);
  const expand = split(expandParam);
  if (fields.length > MAX_NAMES) throw filterError(`fields lists at most ${MAX_NAMES} names`);
  if (expand.length > MAX_NAMES) throw filterError(`expand lists at most ${MAX_NAMES} paths`);
  const root: Selection = { fields: fields.length ? new Set() : null, expand: new Map() };
  for (const path of fields) {
    const parts = path.split('.');
    if (parts.length > MAX_EXPAND_DEPTH + 1)
      throw filterError(
        `fields: '${path.slice(0, 60)}' is deeper than ${MAX_EXPAND_DEPTH} relations`,
      );
    let node = root;
    for (const part of parts.slice(0, -1)) node = child(node, part, true);
    node.fields?.add(parts.at(-1)!);
  }
  for (const path of expand) {
    const parts = path.split('.');
    if (parts.length > MAX_EXPAND_DEPTH)
      throw filterError(`expand: '${path.slice(0, 60)}' is deeper than ${MAX_EXPAND_DEPTH} levels`);
    let node = root;
    for (const part of parts) node = child(node, part, false);
  }
  return root;
}

interface State {
  doc: ModelDocument;
  access: AccessLookup;
  params: unknown[];
  offset: number;
  aliases: number;
}

/**
 * The SELECT list for `selection` over row alias `alias` of `entity`, with its parameters
 * numbered after `offset`. The caller has already been allowed to read `entity`.
 */
export function compileSelection(options: {
  doc: ModelDocument;
  entity: Entity;
  alias: string;
  selection: Selection;
  access: AccessLookup;
  offset: number;
}): { sql: string; params: unknown[]; names: string[] } {
  const state: State = {
    doc: options.doc,
    access: options.access,
    params: [],
    offset: options.offset,
    aliases: 0,
  };
  const names: string[] = [];
  const sql = selectList(state, options.entity, options.alias, options.selection, '', 0, names);
  return { sql, params: state.params, names };
}

function selectList(
  state: State,
  entity: Entity,
  alias: string,
  selection: Selection,
  path: string,
  depth: number,
  /** Receives the output names, in order. */
  names: string[] = [],
): string {
  const access = state.access(entity.code);
  if (!access) throw filterError(`${path}: ${entity.code} may not be read`);
  const system = systemColumns(entity);
  const allowed = (name: string) => !access.fields || access.fields.has(name);
  const columns = readColumns(state.doc, entity).filter((c) => system.includes(c) || allowed(c));
  const links = linksOf(state.doc, entity);
  const lists = [...links.values()].filter(
    (l) => l.junction && allowed(l.name) && state.access(l.target.code),
  );
  const where = (name: string) => (path ? `${path}.${name}` : name);
  const chosen = selection.fields
    ? [...new Set([...system, ...selection.fields])]
    : [...columns, ...lists.map((l) => l.name)];
  const items: string[] = [];
  const out = new Set<string>();
  for (const name of chosen) {
    const link = links.get(name);
    const expanded = selection.expand.get(name);
    if (columns.includes(name) && !(link && expanded)) {
      items.push(`${alias}.${quoteIdent(name)}`);
    } else if (link && link.field && allowed(name) && (expanded || link.junction)) {
      items.push(
        `${related(state, link, alias, expanded, where(name), depth)} AS ${quoteIdent(name)}`,
      );
    } else {
      throw filterError(`fields: ${entity.code} has no field '${where(name).slice(0, 60)}'`);
    }
    out.add(name);
  }
  for (const [name, expanded] of selection.expand) {
    if (out.has(name)) continue;
    const link = links.get(name);
    if (!link || (link.field && !allowed(name)))
      throw filterError(`expand: ${entity.code} has no relation '${where(name).slice(0, 60)}'`);
    items.push(
      `${related(state, link, alias, expanded, where(name), depth)} AS ${quoteIdent(name)}`,
    );
    out.add(name);
  }
  names.push(...out);
  return items.join(', ');
}

/** A related row as a JSON object, related rows as a JSON list, or (unexpanded) a list of ids. */
function related(
  state: State,
  link: Link,
  alias: string,
  expanded: Selection | undefined,
  path: string,
  depth: number,
): string {
  const access = state.access(link.target.code);
  if (!access) throw filterError(`${path}: ${link.target.code} may not be read`);
  if (expanded && depth >= MAX_EXPAND_DEPTH)
    throw filterError(`expand: '${path.slice(0, 60)}' is deeper than ${MAX_EXPAND_DEPTH} levels`);
  const t = `x${++state.aliases}`;
  const { from, where } = link.reach(alias, t);
  let rule = '';
  if (access.rowFilter) {
    const compiled = compileFilter({
      doc: state.doc,
      entity: link.target,
      alias: t,
      filter: null,
      rowFilter: access.rowFilter,
      offset: state.offset + state.params.length,
      aliasPrefix: `${t}_t`,
    });
    state.params.push(...compiled.params);
    rule = compiled.sql ? ` AND ${compiled.sql}` : '';
  }
  if (!expanded)
    return `to_json(ARRAY(SELECT ${t}."id" FROM ${from} WHERE ${where}${rule} ORDER BY ${t}."id"))`;
  const list = selectList(state, link.target, t, expanded, path, depth + 1);
  if (link.cardinality === 'one')
    return `(SELECT to_json(${t}_r) FROM (SELECT ${list} FROM ${from} WHERE ${where}${rule} LIMIT 1) ${t}_r)`;
  return `(SELECT coalesce(json_agg(${t}_r), '[]'::json) FROM (SELECT ${list} FROM ${from} WHERE ${where}${rule} ORDER BY ${t}."id" LIMIT ${MAX_EXPANDED_ROWS}) ${t}_r)`;
}
