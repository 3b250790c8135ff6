/**
 * What an edited page may contain. An edit is shown to everyone who opens the data page, so
 * holding `page:update` must not let anyone run script in another user's browser or send page
 * data elsewhere. What the edit adds (its patch over the generated page, see overrides.ts) may
 * not hold:
 *
 * - script: amis's JavaScript-string properties (`adaptor`, `requestAdaptor`,
 *   `responseAdaptor`, `script`, `dataProvider`, `onMount`…, any `on…` given as a string),
 *   `custom` actions, `custom` components;
 * - raw HTML: markup in any text (amis renders many texts as HTML), `html` and `iframe`
 *   components;
 * - lodash templates (`<% %>`, which run as JavaScript);
 * - links to `javascript:`, `data:` or `vbscript:` addresses;
 * - API addresses anywhere but the project's own data API on the runtime (`apiBase`).
 *
 * amis formulas (`${…}`) stay allowed: they read the page's data and run no script. What the
 * patch holds exactly as the generated page has it at that place (a list replaced whole with
 * its generated items kept) is the generator's own, and trusted.
 */
import { apiCall } from './api-call';
import { itemKey, type PagePatch } from './overrides';

export interface PagePolicy {
  /** The project's data API as the browser reaches it: `…/api/v1/{project}/`. */
  apiBase: string;
}

type Json = unknown;

const SCRIPT_KEYS = new Set([
  'adaptor',
  'requestAdaptor',
  'responseAdaptor',
  'script',
  'dataProvider',
  'onMount',
  'onUpdate',
  'onUnmount',
]);
const FORBIDDEN_TYPES: Record<string, string> = {
  custom: 'custom components run script',
  html: 'html components show raw HTML',
  iframe: 'iframes show other sites inside the console',
};
const LINK_KEYS = new Set(['url', 'link', 'href', 'src', 'redirect']);
const isApiKey = (key: string) => key === 'api' || key.endsWith('Api') || key === 'autoComplete';
/** A `source` that names data of the page (`${items}`), not an address. */
const DATA_REFERENCE = /^\$\{[\w.]+\}$/;
const MARKUP = /<[a-zA-Z!/?]/;
const BAD_SCHEME = /^(javascript|data|vbscript):/i;

const isObject = (v: Json): v is Record<string, Json> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const same = (a: Json, b: Json) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Whether `url` lies under `base` once both are resolved as the browser will (`%2e%2e` is a
 * `..` segment, `\` a `/`), against the page's address when relative.
 */
function under(url: string, base: string): boolean {
  const page = 'http://page.invalid/';
  try {
    const target = new URL(url, page);
    const root = new URL(base, page);
    return target.origin === root.origin && target.pathname.startsWith(root.pathname);
  } catch {
    return false;
  }
}

/** The generated value under `key`, when `base` has one (a list's item by its name). */
function below(base: Json, key: string): Json {
  if (isObject(base)) return base[key];
  return Array.isArray(base) ? base.find((item) => itemKey(item) === key) : undefined;
}

/** Whether `value` is what the generator wrote here: the same, or (in a list) one of its items. */
const generatedHere = (value: Json, base: Json) =>
  same(value, base) || (Array.isArray(base) && base.some((item) => same(item, value)));

class Checker {
  readonly problems: string[] = [];

  constructor(private readonly policy: PagePolicy) {}

  #refuse(path: string[], message: string) {
    if (this.problems.length < 50)
      this.problems.push(`${path.join('.') || 'the page'}: ${message}`);
  }

  /** An address an API property calls: only the project's data API. */
  api(value: Json, path: string[], base: Json) {
    if (typeof value === 'string' && DATA_REFERENCE.test(value) && path.at(-1) === 'source') return;
    const call = apiCall(value);
    if (!call) return this.#refuse(path, 'an API address must be text or { method, url }');
    if (!under(call.url.trim(), this.policy.apiBase))
      this.#refuse(
        path,
        `API addresses may only call this project's data API (${this.policy.apiBase}…)`,
      );
    if (isObject(value)) this.value(value, path, base, 'api-object');
  }

  /** Any added value (`base`: what the generated page has there): its keys, components, texts. */
  value(value: Json, path: string[], base: Json, context?: 'api-object'): void {
    if (generatedHere(value, base)) return;
    if (typeof value === 'string') return this.text(value, path);
    if (Array.isArray(value))
      return value.forEach((item, i) =>
        this.value(item, [...path, String(i)], Array.isArray(base) ? base : undefined),
      );
    if (!isObject(value)) return;
    for (const [key, child] of Object.entries(value)) {
      if (context === 'api-object' && key === 'url') continue;
      this.entry(key, child, [...path, key], isObject(base) ? base[key] : undefined);
    }
  }

  /** `value` set under `key` (`base`: what the generated page has there). */
  entry(key: string, value: Json, path: string[], base: Json) {
    if (generatedHere(value, base)) return;
    if (
      SCRIPT_KEYS.has(key) ||
      (/^on[A-Z]/.test(key) && key !== 'onEvent' && typeof value !== 'object')
    )
      return this.#refuse(path, `'${key}' runs script, which a page may not`);
    if (key === 'type' && typeof value === 'string' && FORBIDDEN_TYPES[value])
      return this.#refuse(path, FORBIDDEN_TYPES[value]);
    if (key === 'actionType' && value === 'custom')
      return this.#refuse(path, 'custom actions run script, which a page may not');
    if (isApiKey(key) || key === 'source') return this.api(value, path, base);
    if (
      LINK_KEYS.has(key) &&
      typeof value === 'string' &&
      BAD_SCHEME.test(value.replace(/[\s\0]/g, ''))
    )
      return this.#refuse(
        path,
        'links may not run script (javascript:, data: or vbscript: addresses)',
      );
    this.value(value, path, base);
  }

  text(text: string, path: string[]) {
    if (text.includes('<%'))
      this.#refuse(path, 'lodash templates (<% %>) run script, which a page may not');
    else if (MARKUP.test(text))
      this.#refuse(path, 'raw HTML is not allowed in a page (amis shows many texts as HTML)');
  }

  /** A patch over `base`: what it sets is added content; what it changes inside is walked. */
  patch(patch: PagePatch, path: string[], parentKey: string | undefined, base: Json) {
    if ('$set' in patch) {
      const key = path.at(-1);
      return key === undefined || parentKey === '$items'
        ? this.value(patch.$set, path, base)
        : this.entry(key, patch.$set, path, base);
    }
    if ('$unset' in patch) return;
    if ('$object' in patch)
      for (const [key, child] of Object.entries(patch.$object)) {
        // Inside an API object only its address and its script properties matter.
        if (parentKey !== undefined && isApiKey(parentKey) && key === 'url' && '$set' in child)
          this.api({ url: child.$set }, [...path, key], undefined);
        else this.patch(child, [...path, key], key, below(base, key));
      }
    else
      for (const [key, child] of Object.entries(patch.$items))
        this.patch(child, [...path, key.replace(/^label:|^=/, '')], '$items', below(base, key));
  }
}

/**
 * What is wrong with an edit of `generated` (the page as generated now), as `path: reason`
 * lines; empty when the page may hold it.
 */
export function patchProblems(
  patch: PagePatch | null | undefined,
  generated: Json,
  policy: PagePolicy,
): string[] {
  if (!patch) return [];
  const checker = new Checker(policy);
  checker.patch(patch, [], undefined, generated);
  return checker.problems;
}
