/** The designer's addresses: `/designer/` lists projects, `/designer/<project>` opens one. */
export const BASE = '/designer/';

export function projectFromPath(pathname: string): string | null {
  const rest = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : '';
  const code = decodeURIComponent(rest.split('/')[0] ?? '');
  return /^[a-z][a-z0-9_]{0,39}$/.test(code) ? code : null;
}
