/** Read options as the data API's query parameters. */

/** `{ orders: { tags: true }, customer: true }` → `orders.tags,customer`. */
export function expandPaths(expand: object, prefix = ''): string[] {
  return Object.entries(expand).flatMap(([name, inner]) => {
    if (inner === undefined || inner === false) return [];
    const path = prefix ? `${prefix}.${name}` : name;
    const deeper = inner === true ? [] : expandPaths(inner as object, path);
    return deeper.length ? deeper : [path];
  });
}

/** The options of any entity's read, as the query builder sees them. */
export interface AnyListOptions {
  filter?: object;
  fields?: readonly string[];
  expand?: object;
  sort?: readonly string[];
  keywords?: string;
  perPage?: number;
  page?: number;
  after?: string;
  count?: string;
}

export function queryOf(options: AnyListOptions): URLSearchParams {
  const params = new URLSearchParams();
  if (options.filter && Object.keys(options.filter).length)
    params.set('filter', JSON.stringify(options.filter));
  if (options.fields?.length) params.set('fields', options.fields.join(','));
  if (options.expand) {
    const paths = expandPaths(options.expand);
    if (paths.length) params.set('expand', paths.join(','));
  }
  if (options.sort?.length) params.set('sort', options.sort.join(','));
  if (options.keywords) params.set('keywords', options.keywords);
  if (options.perPage !== undefined) params.set('perPage', String(options.perPage));
  if (options.page !== undefined) params.set('page', String(options.page));
  if (options.after !== undefined) params.set('after', options.after);
  if (options.count) params.set('count', options.count);
  return params;
}
