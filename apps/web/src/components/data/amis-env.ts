/**
 * The environment amis runs in inside the console: its requests go to the runtime's data API
 * with the console's session cookie (and nowhere else, whatever a page asks), answers of any
 * status reach amis (so a 422's `errors` appear beside their fields), and its notifications,
 * alerts and links use the console's own toasts and router (never a `javascript:` address).
 */
import { PREVIEW_WRITE_MESSAGE } from '@tessera/pages/embed';
import { toast } from 'sonner';

interface AmisRequest {
  url: string;
  method: string;
  data?: unknown;
  headers?: Record<string, string>;
  responseType?: string;
  config?: { cancelExecutor?: (cancel: () => void) => void };
}

export interface AmisEnvOptions {
  /** Navigates inside the console. */
  navigate: (to: string) => void;
  /** The session ended: the runtime answered 401. */
  onSignedOut: () => void;
  /** A write was refused because the row changed meanwhile (409). */
  onConflict: (message: string) => void;
  /** A preview: reads go out, writes are answered here and never sent. */
  readOnly?: boolean;
  /** The project's data API (`…/api/v1/{project}/`): the only address requests may go to. */
  dataApi: string;
}

/** What a page asking for another address is answered, without anything sent. */
export const ELSEWHERE_MESSAGE = 'This page may only call its data API; the request was not sent.';

/** The page's own address, against which relative ones resolve. */
const here = () => globalThis.location?.href ?? 'http://localhost/';

/** Whether `url` is under `base`, both resolved against the page's address. */
function within(url: string, base: string): boolean {
  try {
    const target = new URL(url, here());
    const root = new URL(base, here());
    return target.origin === root.origin && target.pathname.startsWith(root.pathname);
  } catch {
    return false;
  }
}

const isInternal = (to: string) => to.startsWith('/') && !to.startsWith('//');

/** A link amis may follow: an internal path, or an http(s) address. */
function followable(to: string): boolean {
  if (isInternal(to)) return true;
  try {
    return ['http:', 'https:'].includes(new URL(to, here()).protocol);
  } catch {
    return false;
  }
}

export { PREVIEW_WRITE_MESSAGE } from '@tessera/pages/embed';

function body(data: unknown, headers: Record<string, string>): BodyInit | undefined {
  if (data === undefined || data === null) return undefined;
  if (
    typeof data === 'string' ||
    data instanceof FormData ||
    data instanceof Blob ||
    data instanceof ArrayBuffer ||
    data instanceof URLSearchParams
  )
    return data;
  headers['content-type'] = 'application/json';
  return JSON.stringify(data);
}

async function payload(response: Response, responseType?: string): Promise<unknown> {
  if (responseType === 'blob') return response.blob();
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) return response.json();
  const text = await response.text();
  // Anything else (a proxy's error page, an empty body) is shown as amis's failure envelope.
  return response.ok
    ? { status: 0, msg: '', data: text }
    : { status: response.status, msg: text.slice(0, 200) || response.statusText };
}

export function createAmisEnv(options: AmisEnvOptions) {
  // A conflict gets its own toast (with a reload); amis's error for it would repeat it.
  let conflict: string | null = null;
  return {
    theme: 'cxd',
    async fetcher(request: AmisRequest) {
      const controller = new AbortController();
      request.config?.cancelExecutor?.(() => controller.abort());
      const headers: Record<string, string> = {
        ...request.headers,
        'x-request-id': crypto.randomUUID(),
      };
      const method = request.method.toUpperCase();
      if (!within(request.url, options.dataApi))
        return { status: 200, headers: {}, data: { status: 403, msg: ELSEWHERE_MESSAGE } };
      if (options.readOnly && method !== 'GET' && method !== 'HEAD')
        return { status: 200, headers: {}, data: { status: 1, msg: PREVIEW_WRITE_MESSAGE } };
      const response = await fetch(request.url, {
        method,
        headers,
        body: method === 'GET' ? undefined : body(request.data, headers),
        credentials: 'include',
        signal: controller.signal,
      });
      const data = await payload(response, request.responseType);
      if (response.status === 401) options.onSignedOut();
      const fieldErrors = (data as { errors?: unknown } | null)?.errors;
      if (response.status === 409 && method !== 'GET') {
        // With field errors it is a value already taken (a unique field): amis shows field
        // errors of a 422 envelope only, so it gets one. Without, the row changed meanwhile.
        if (fieldErrors)
          return {
            status: response.status,
            headers: Object.fromEntries(response.headers),
            data: { ...(data as object), status: 422 },
          };
        conflict = (data as { msg?: string }).msg ?? 'Changed by someone else';
        options.onConflict(conflict);
      }
      return { status: response.status, headers: Object.fromEntries(response.headers), data };
    },
    isCancel: (error: unknown) => (error as { name?: string } | null)?.name === 'AbortError',
    notify(type: 'success' | 'error' | 'info' | 'warning', message: string) {
      if (type === 'error' && message === conflict) {
        conflict = null;
        return;
      }
      (toast[type] ?? toast)(message);
    },
    alert(message: string) {
      toast.warning(message);
    },
    jumpTo(to: string, action?: { blank?: boolean }) {
      if (!followable(to)) return void toast.error('This link cannot be followed');
      if (action?.blank) window.open(to, '_blank', 'noopener');
      else if (isInternal(to)) options.navigate(to);
      else window.location.assign(to);
    },
    updateLocation(to: string, replace?: boolean) {
      if (to === 'goBack') return window.history.back();
      if (replace) window.history.replaceState(null, '', to);
      else options.navigate(to);
    },
    isCurrentUrl: (to: string) => isInternal(to) && window.location.pathname === to.split('?')[0],
  };
}
