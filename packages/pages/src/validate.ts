/**
 * Checks an amis page against amis's own `schema.json`, for generated pages and for pages
 * edited in the console. The validator is compiled once, on first use (the schema is large).
 */
import { createRequire } from 'node:module';

import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';

/**
 * amis's schema.json (draft-07) is generated for editor hints: its controls extend bases with
 * `{ "$ref": base, "additionalProperties": true }`, a sibling a validator ignores, so every
 * closed base would refuse the keys of the control that extends it. The closings are dropped;
 * types, enums, required keys and the per-`type` shapes are still checked.
 */
function openSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(openSchema);
  if (typeof node !== 'object' || node === null) return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key, value]) => !(key === 'additionalProperties' && value === false))
      .map(([key, value]) => [key, openSchema(value)]),
  );
}

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  compiled ??= new Ajv({ strict: false, allErrors: false, validateSchema: false }).compile(
    openSchema(createRequire(import.meta.url)('amis/schema.json')) as object,
  );
  return compiled;
}

/** Keys of old amis versions, or ones amis does not read as their names suggest. */
export const LEGACY_KEYS = ['controls', 'orderField'];

export type PageCheck = { ok: true } | { ok: false; errors: string[] };

const describe = (e: ErrorObject) => `${e.instancePath || '/'}: ${e.message ?? 'is not valid'}`;

export function validateAmisPage(page: unknown): PageCheck {
  if (typeof page !== 'object' || page === null || Array.isArray(page))
    return { ok: false, errors: ['/: a page is a JSON object'] };
  if ((page as { type?: unknown }).type !== 'page')
    return { ok: false, errors: ['/type: the top level is a "page"'] };
  const validate = validator();
  return validate(page)
    ? { ok: true }
    : { ok: false, errors: (validate.errors ?? []).slice(0, 20).map(describe) };
}
