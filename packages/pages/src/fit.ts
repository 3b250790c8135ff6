/**
 * An edited page fitted to one caller. Edits are made against the whole generated page and
 * shown to everyone, so an edit could bring back what a narrower caller's page leaves out: a
 * create button, an inline edit, a column of a field they may not read. Whatever writes to the
 * entity in a way the caller may not (a button, a form, a bulk action: the list item holding
 * it), inline edits without update, and columns, controls and filters of fields the caller may
 * not read (or, inside a form, may not write) are taken out, so the page shows what the runtime
 * allows. Writes to other entities are left to the runtime to judge.
 */
import type { Entity } from '@tessera/meta';

import { apiCall } from './api-call';
import type { PageAccess } from './page';

type Json = unknown;
type Action = 'create' | 'update' | 'delete';

const isObject = (v: Json): v is Record<string, Json> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const WRITE_METHODS: Record<string, Action> = {
  post: 'create',
  put: 'update',
  patch: 'update',
  delete: 'delete',
};
const QUICK_SAVE = ['quickSaveApi', 'quickSaveItemApi'];

export interface FitOptions {
  entity: Entity;
  access: PageAccess;
  /** The entity's address in the runtime's data API (`…/api/v1/{project}/{entity}`). */
  base: string;
}

/** The action an amis API writes to the entity at `base` with, or null (a read, elsewhere). */
function writeOf(api: Json, base: string): Action | null {
  const call = apiCall(api);
  const action = call && WRITE_METHODS[call.method];
  if (!call || !action) return null;
  const rest = call.url.startsWith(base) ? call.url.slice(base.length) : null;
  return rest !== null && /^($|[/?])/.test(rest) ? action : null;
}

export function fitPage(page: Json, options: FitOptions): Json {
  const { access, entity, base } = options;
  const forbidden = (action: Action | null) => action !== null && !access[action];
  const fields = entity.fields.map((f) => f.code);
  const unreadable = new Set(fields.filter((f) => access.readable && !access.readable.has(f)));
  const unwritable = new Set(fields.filter((f) => access.writable && !access.writable.has(f)));
  // A field named by a column or control: `email`, or a filter on it, `filter.email._eq`.
  const fieldOf = (name: Json) =>
    typeof name === 'string' ? (/^filter\.([^.]+)\./.exec(name)?.[1] ?? name) : null;
  const isApiKey = (key: string) => key === 'api' || key.endsWith('Api');

  /** A forbidden write held by `node` itself or its objects (a list's items answer for theirs). */
  const holdsForbiddenWrite = (node: Record<string, Json>): boolean =>
    Object.entries(node).some(
      ([key, value]) =>
        (isApiKey(key) && !QUICK_SAVE.includes(key) && forbidden(writeOf(value, base))) ||
        (isObject(value) && !isApiKey(key) && holdsForbiddenWrite(value)),
    );

  /** Whether a list's item must go; `writing` inside a form that writes, `here` on this entity. */
  const refused = (item: Json, writing: boolean, here: boolean): boolean => {
    if (!isObject(item)) return false;
    if (holdsForbiddenWrite(item)) return true;
    const field = here ? fieldOf(item.name) : null;
    return field !== null && (unreadable.has(field) || (writing && unwritable.has(field)));
  };

  const fit = (node: Json, writing: boolean, here: boolean): Json => {
    if (Array.isArray(node))
      return node
        .filter((item) => !refused(item, writing, here))
        .map((item) => fit(item, writing, here));
    if (!isObject(node)) return node;
    // Lists of another entity (a customer's orders in the drawer) name that entity's fields.
    const calls = apiCall(node.api)?.url ?? apiCall(node.source)?.url ?? null;
    const within = here && (calls === null || calls.startsWith(base));
    const inForm = writing || writeOf(node.api, base) !== null;
    const field = fieldOf(node.name);
    const noQuickEdit = !access.update || (field !== null && unwritable.has(field));
    const out: Record<string, Json> = {};
    for (const [key, value] of Object.entries(node)) {
      if (QUICK_SAVE.includes(key) && forbidden(writeOf(value, base))) continue;
      if (key === 'quickEdit' && within && noQuickEdit) continue;
      out[key] = fit(value, inForm, within);
    }
    return out;
  };
  return fit(page, false, true);
}
