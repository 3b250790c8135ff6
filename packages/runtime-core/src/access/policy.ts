/**
 * Who may do what with an entity's data. A caller holding `data:<action>` (a platform
 * permission) may do it on every entity, every row and field. Otherwise the grants of the
 * caller's roles decide: the rows are the union of their row filters, the fields the union of
 * their field lists. An API token reaches data only within its `data:*` scopes.
 */
import type { SchemaOverview } from '../metadata/overview';
import type { DataAction, Grant } from './grants';

export interface Caller {
  userId: string;
  roles: readonly string[];
  permissions: ReadonlySet<string>;
  /** Set for API tokens: the scopes the token was issued with. */
  scopes?: ReadonlySet<string>;
}

export interface EntityAccess {
  /** The fields this action may touch; null for all. System fields are always readable. */
  fields: ReadonlySet<string> | null;
  /** The rows this action may touch, as a filter with `$CURRENT_USER` resolved; null for all. */
  rowFilter: unknown;
}

export const FULL_ACCESS: EntityAccess = { fields: null, rowFilter: null };

/** The access `caller` has for `action` on `entity`, or null when it has none. */
export function entityAccess(
  overview: SchemaOverview,
  caller: Caller,
  project: string,
  entity: string,
  action: DataAction,
): EntityAccess | null {
  const permission = `data:${action}`;
  if (caller.permissions.has(permission)) return FULL_ACCESS;
  if (caller.scopes && !caller.scopes.has(permission)) return null;
  const grants = (overview.grants.get(project) ?? []).filter(
    (g) => g.entity === entity && g.action === action && caller.roles.includes(g.role),
  );
  if (grants.length === 0) return null;
  return {
    fields: unionFields(grants),
    rowFilter: unionFilters(grants.map((g) => resolveVariables(g.rowFilter, caller))),
  };
}

function unionFields(grants: readonly Grant[]): ReadonlySet<string> | null {
  if (grants.some((g) => g.fields === null)) return null;
  return new Set(grants.flatMap((g) => g.fields ?? []));
}

function unionFilters(filters: unknown[]): unknown {
  if (filters.some((f) => f === null || f === undefined)) return null;
  return filters.length === 1 ? filters[0] : { _or: filters };
}

/** Replaces `$CURRENT_USER` wherever it stands as a value. Keys are copied, never evaluated. */
export function resolveVariables(filter: unknown, caller: Pick<Caller, 'userId'>): unknown {
  if (filter === '$CURRENT_USER') return caller.userId;
  if (Array.isArray(filter)) return filter.map((v) => resolveVariables(v, caller));
  if (typeof filter === 'object' && filter !== null) {
    return Object.fromEntries(
      Object.entries(filter).map(([k, v]) => [k, resolveVariables(v, caller)]),
    );
  }
  return filter;
}

/**
 * Identifies what `caller` may do for `action`: callers with equal keys get the same access
 * (fields, entities and row filters with the same values), so compiled pieces may be shared.
 */
export function accessKey(caller: Caller, action: DataAction): string {
  const permission = `data:${action}`;
  if (caller.permissions.has(permission) && (!caller.scopes || caller.scopes.has(permission)))
    return '*';
  return `${caller.roles.join(',')}|${[...(caller.scopes ?? [])].join(',')}|${caller.userId}`;
}

/** True when `field` may be read (or written) under `access`; system fields are always read. */
export function allowsField(access: EntityAccess, field: string): boolean {
  return access.fields === null || access.fields.has(field);
}
