/**
 * Loads the amis SDK (served from /amis-sdk, copied from the `amis` package at install) once
 * per page. The SDK bundles its own React 18, so amis renders apart from the console's React.
 */
export interface AmisInstance {
  updateProps(props: Record<string, unknown>): void;
  updateSchema(schema: unknown, props?: Record<string, unknown>): void;
  unmount(): void;
}

export interface AmisEmbed {
  embed(
    container: HTMLElement,
    schema: unknown,
    props: Record<string, unknown>,
    env: Record<string, unknown>,
  ): AmisInstance;
}

declare global {
  interface Window {
    amisRequire?: (name: 'amis/embed') => AmisEmbed;
  }
}

const BASE = '/amis-sdk';
const STYLES = ['sdk.css', 'helper.css', 'iconfont.css'];
let loading: Promise<AmisEmbed> | undefined;

function addStyle(href: string) {
  if (document.querySelector(`link[href="${href}"]`)) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  document.head.appendChild(link);
}

export function loadAmis(): Promise<AmisEmbed> {
  loading ??= new Promise<AmisEmbed>((resolve, reject) => {
    STYLES.forEach((file) => addStyle(`${BASE}/${file}`));
    const ready = () =>
      window.amisRequire
        ? resolve(window.amisRequire('amis/embed'))
        : reject(new Error('The amis SDK loaded without amisRequire'));
    if (window.amisRequire) return ready();
    const script = document.createElement('script');
    script.src = `${BASE}/sdk.js`;
    script.async = true;
    script.onload = ready;
    script.onerror = () => {
      loading = undefined;
      reject(new Error('The amis SDK could not be loaded'));
    };
    document.head.appendChild(script);
  });
  return loading;
}
