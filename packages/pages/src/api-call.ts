/** What an amis API calls: `"post:/x"`, `"/x"` (a GET) or `{ method, url }`. */

/** amis's method prefixes of an API written as a string. */
const METHOD = /^(get|post|put|patch|delete|jsonp|js):/i;

export interface ApiCall {
  /** Lower case. */
  method: string;
  url: string;
}

/** The call an amis API (or a `source`) makes, or null when it is not one. */
export function apiCall(api: unknown): ApiCall | null {
  if (typeof api === 'string') {
    const prefix = METHOD.exec(api);
    return prefix
      ? { method: prefix[1]!.toLowerCase(), url: api.slice(prefix[0].length) }
      : { method: 'get', url: api };
  }
  if (typeof api !== 'object' || api === null || Array.isArray(api)) return null;
  const { method, url } = api as { method?: unknown; url?: unknown };
  if (typeof url !== 'string') return null;
  return { method: typeof method === 'string' ? method.toLowerCase() : 'get', url };
}
