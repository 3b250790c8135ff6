/**
 * Loads the amis SDK (served by the console from /amis-sdk, copied from the `amis` package at
 * install) once per page, with the rules generated pages use. The SDK bundles its own React 18,
 * so amis renders apart from the page's React. For browsers: the console's data pages and the
 * designer's preview.
 */
import { matchesPattern } from '@tessera/meta/patterns';

import { PATTERN_MESSAGE, PATTERN_RULE } from './rules';

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

/** The part of amis's own module the console uses: custom validation rules. */
interface AmisModule {
  addRule(
    name: string,
    check: (values: unknown, value: unknown, ...args: unknown[]) => boolean,
    message: string,
  ): void;
}

declare global {
  interface Window {
    amisRequire?: {
      (name: 'amis/embed'): AmisEmbed;
      (name: 'amis'): AmisModule;
    };
  }
}

/** The rule generated pages name for a field's pattern, matched in linear time. */
function addPatternRule(amis: AmisModule) {
  amis.addRule(
    PATTERN_RULE,
    // Empty values are the `required` rule's to judge; amis's text controls hold strings.
    (_values, value, pattern) =>
      typeof value !== 'string' ||
      value === '' ||
      (typeof pattern === 'string' && matchesPattern(pattern, value)),
    PATTERN_MESSAGE,
  );
}

/** What a preview answers a write with (amis shows it as the write's failure). */
export const PREVIEW_WRITE_MESSAGE = 'This is a preview: nothing is saved or deleted here.';

export const AMIS_SDK_BASE = '/amis-sdk';
export const AMIS_SDK_SCRIPT = `${AMIS_SDK_BASE}/sdk.js`;
export const AMIS_SDK_STYLES = ['sdk.css', 'helper.css', 'iconfont.css'].map(
  (file) => `${AMIS_SDK_BASE}/${file}`,
);
let loading: Promise<AmisEmbed> | undefined;

function addStyle(href: string) {
  // A preload link for the same file may exist; only a stylesheet link applies it.
  if (document.querySelector(`link[rel="stylesheet"][href="${href}"]`)) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  document.head.appendChild(link);
}

export function loadAmis(): Promise<AmisEmbed> {
  loading ??= new Promise<AmisEmbed>((resolve, reject) => {
    AMIS_SDK_STYLES.forEach(addStyle);
    const ready = () => {
      if (!window.amisRequire) return reject(new Error('The amis SDK loaded without amisRequire'));
      addPatternRule(window.amisRequire('amis'));
      resolve(window.amisRequire('amis/embed'));
    };
    if (window.amisRequire) return ready();
    const script = document.createElement('script');
    script.src = AMIS_SDK_SCRIPT;
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
