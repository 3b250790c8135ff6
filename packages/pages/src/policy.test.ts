import { shopModel } from '@tessera/meta/testing';
import { describe, expect, it } from 'vitest';

import { diffPage } from './overrides';
import { entityPage } from './page';
import { patchProblems } from './policy';

const doc = shopModel();
const generated = entityPage(doc, doc.entities[1]!, { runtimeUrl: 'http://rt' });
const policy = { apiBase: 'http://rt/api/v1/shop/' };
const problemsOf = (change: (page: Record<string, any>) => void) => {
  const page = structuredClone(generated) as Record<string, any>;
  change(page);
  return patchProblems(diffPage(generated, page), generated, policy);
};

describe('patchProblems', () => {
  it('trusts what the generator wrote, even in a list the edit replaced whole', () => {
    // An unnamed item makes the body a list replaced whole; the generated crud (with its
    // import adaptor) is still the generator's own.
    expect(problemsOf((page) => page.body.push({ type: 'tpl', tpl: 'Hello ${__user}' }))).toEqual(
      [],
    );
    expect(generated).toMatchObject({ type: 'page' });
  });

  it('refuses script, markup, lodash and addresses outside the data API, by path', () => {
    expect(
      problemsOf((page) => {
        page.body.push({
          type: 'button',
          label: 'x',
          onClick: 'alert(1)',
          onEvent: { click: { actions: [{ actionType: 'custom', script: 'x' }] } },
        });
        page.body.push({ type: 'service', api: '//evil.example/api/v1/shop/order' });
        page.body.push({
          type: 'service',
          api: 'http://rt/api/v1/shop/%2e%2e/%2E%2e/api/auth/token',
        });
        page.body.push({ type: 'tpl', tpl: '<b>x</b>' });
        page.body.push({ type: 'link', href: ' JavaScript:alert(1)' });
      }),
    ).toEqual([
      "body.1.onClick: 'onClick' runs script, which a page may not",
      'body.1.onEvent.click.actions.0.actionType: custom actions run script, which a page may not',
      "body.1.onEvent.click.actions.0.script: 'script' runs script, which a page may not",
      "body.2.api: API addresses may only call this project's data API (http://rt/api/v1/shop/…)",
      "body.3.api: API addresses may only call this project's data API (http://rt/api/v1/shop/…)",
      'body.4.tpl: raw HTML is not allowed in a page (amis shows many texts as HTML)',
      'body.5.href: links may not run script (javascript:, data: or vbscript: addresses)',
    ]);
  });

  it('refuses an address changed inside a generated API object', () => {
    expect(
      problemsOf((page) => {
        page.body[0].api = { ...page.body[0].api, url: 'https://evil.example/x' };
      }),
    ).toEqual([expect.stringMatching(/^body\.order\.api\.url: API addresses may only call/)]);
  });

  it('resolves an address as the browser will before judging it', () => {
    for (const url of [
      'http://rt/api/v1/shop/../../auth/token',
      'http://rt/api/v1/shop\\..\\..\\auth',
      'http://rt/api/v1/shopping/x',
    ])
      expect(
        problemsOf((page) => page.body.push({ type: 'service', api: url })),
        url,
      ).toHaveLength(1);
    expect(
      problemsOf((page) =>
        page.body.push({ type: 'service', api: 'http://rt/api/v1/shop/order?x=1' }),
      ),
    ).toEqual([]);
  });
});
