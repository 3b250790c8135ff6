/**
 * A page edited in the console is kept as a patch over the generated page, so the generated
 * part follows the model and the edits stay. Objects are patched key by key; lists whose items
 * have names (`name`, else `label`, else the item itself when it is a string; columns,
 * controls, buttons, toolbar entries) are patched item by item, by name, never by position.
 * Anything else is replaced as a whole. When the generated page no longer has what an edit
 * changes (a column of a dropped field), the edit is left out and reported as a conflict.
 */
export type PagePatch =
  | { $set: unknown }
  | { $unset: true }
  | { $object: Record<string, PagePatch> }
  | { $items: Record<string, PagePatch>; $order?: string[] };

type Json = unknown;

const isObject = (v: Json): v is Record<string, Json> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The name a list's item is patched by (see the file comment); null when it has none. */
export function itemKey(item: Json): string | null {
  if (typeof item === 'string') return `=${item}`;
  if (!isObject(item)) return null;
  if (typeof item.name === 'string') return item.name;
  if (typeof item.label === 'string') return `label:${item.label}`;
  return null;
}

/** The keys of a list whose items all have distinct names; null otherwise. */
function keysOf(list: Json[]): string[] | null {
  const keys = list.map(itemKey);
  if (keys.some((k) => k === null) || new Set(keys).size !== keys.length) return null;
  return keys as string[];
}

const same = (a: Json, b: Json) => JSON.stringify(a) === JSON.stringify(b);

/** The patch that turns `base` into `edited`; undefined when they are equal. */
export function diffPage(base: Json, edited: Json): PagePatch | undefined {
  if (same(base, edited)) return undefined;
  if (isObject(base) && isObject(edited)) {
    const entries: Record<string, PagePatch> = {};
    for (const [key, value] of Object.entries(edited)) {
      const patch = key in base ? diffPage(base[key], value) : { $set: value };
      if (patch) entries[key] = patch;
    }
    for (const key of Object.keys(base)) if (!(key in edited)) entries[key] = { $unset: true };
    return { $object: entries };
  }
  if (Array.isArray(base) && Array.isArray(edited)) {
    const baseKeys = keysOf(base);
    const editedKeys = keysOf(edited);
    if (baseKeys && editedKeys) {
      const items: Record<string, PagePatch> = {};
      editedKeys.forEach((key, i) => {
        const at = baseKeys.indexOf(key);
        const item: Json = (edited as Json[])[i];
        const patch = at >= 0 ? diffPage((base as Json[])[at], item) : { $set: item };
        if (patch) items[key] = patch;
      });
      for (const key of baseKeys) if (!editedKeys.includes(key)) items[key] = { $unset: true };
      const kept = baseKeys.filter((k) => editedKeys.includes(k));
      const reordered = !same(
        kept,
        editedKeys.filter((k) => baseKeys.includes(k)),
      );
      const added = editedKeys.some((k) => !baseKeys.includes(k));
      return { $items: items, ...(reordered || added ? { $order: editedKeys } : {}) };
    }
  }
  return { $set: edited };
}

const label = (key: string) =>
  key.startsWith('=') ? key.slice(1) : key.startsWith('label:') ? key.slice(6) : key;

/** `base` with `patch` applied, and what could not be applied. */
export function applyPage(
  base: Json,
  patch: PagePatch | null | undefined,
): { page: Json; conflicts: string[] } {
  const conflicts: string[] = [];
  const page = patch ? apply(base, patch, [], conflicts) : base;
  return { page, conflicts };
}

function apply(base: Json, patch: PagePatch, path: string[], conflicts: string[]): Json {
  const where = path.length ? path.join(' › ') : 'the page';
  if ('$set' in patch) return patch.$set;
  if ('$unset' in patch) return base;
  if ('$object' in patch) {
    if (!isObject(base)) {
      conflicts.push(`The override changes ${where}, which the generated page no longer has`);
      return base;
    }
    const out: Record<string, Json> = { ...base };
    for (const [key, child] of Object.entries(patch.$object)) {
      if ('$unset' in child) delete out[key];
      else out[key] = apply(base[key], child, [...path, key], conflicts);
    }
    return out;
  }
  const keys = Array.isArray(base) ? keysOf(base) : null;
  if (!Array.isArray(base) || !keys) {
    conflicts.push(
      `The override changes items of ${where}, which the generated page no longer lists`,
    );
    return base;
  }
  const list: Json[] = base;
  const byKey = new Map<string, Json>(keys.map((k, i) => [k, list[i]]));
  for (const [key, child] of Object.entries(patch.$items)) {
    if ('$unset' in child) byKey.delete(key);
    else if ('$set' in child) byKey.set(key, child.$set);
    else if (!byKey.has(key))
      conflicts.push(
        `The override changes "${label(key)}" in ${where}, which the generated page no longer has`,
      );
    else byKey.set(key, apply(byKey.get(key), child, [...path, label(key)], conflicts));
  }
  if (!patch.$order) return [...byKey.values()];
  // The edited order; what the generated page added since goes after its generated neighbour.
  const order = patch.$order.filter((k) => byKey.has(k));
  keys.forEach((key, i) => {
    if (!byKey.has(key) || order.includes(key)) return;
    const before = keys.slice(0, i).findLast((k) => order.includes(k));
    order.splice(before === undefined ? 0 : order.indexOf(before) + 1, 0, key);
  });
  return order.map((k) => byKey.get(k));
}
