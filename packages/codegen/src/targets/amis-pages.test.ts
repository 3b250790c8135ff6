import { CONTRACT_MODEL } from '@tessera/contract';
import { validateDocument } from '@tessera/meta';
import { validateAmisPage } from '@tessera/pages';
import { describe, expect, it } from 'vitest';

import { eject } from '../eject';

describe('the amis-pages target', () => {
  it('writes a page per entity, valid against amis, addressed to the ejected service', async () => {
    const parsed = validateDocument(CONTRACT_MODEL);
    if (!parsed.ok) throw new Error('invalid model');
    const files = await eject({
      document: parsed.document,
      version: 3,
      target: 'amis-pages',
      serviceUrl: 'https://shop.example/',
    });
    expect(files.map((f) => f.path).sort()).toEqual([
      'pages/README.md',
      'pages/customer.json',
      'pages/order.json',
      'pages/order_tags.json',
      'pages/tag.json',
    ]);
    for (const file of files.filter((f) => f.path.endsWith('.json'))) {
      const page = JSON.parse(file.content) as unknown;
      expect(validateAmisPage(page), file.path).toEqual({ ok: true });
      const apis = [...file.content.matchAll(/"(?:api|url)":\s*"([^"]*)"/g)].map((m) => m[1]!);
      expect(apis.length, file.path).toBeGreaterThan(0);
      for (const api of apis.filter((a) => a.includes('/api/v1/')))
        expect(api, file.path).toMatch(
          /^(?:(?:get|post|put|delete):)?https:\/\/shop\.example\/api\/v1\/shop\//,
        );
    }
  });
});
