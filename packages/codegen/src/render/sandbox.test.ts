/**
 * Templates are code from the console: rendering keeps them to the model they are given. Known
 * payloads reach neither the process, the file system, the network nor prototypes; a template
 * that runs too long or eats memory is stopped, and the next render works.
 */
import { afterAll, describe, expect, it } from 'vitest';

import { TemplateRenderer } from './renderer';
import { precompileTemplate } from './templates';

const renderer = new TemplateRenderer({ timeoutMs: 3_000, heapMb: 64 });
afterAll(() => renderer.close());

const context = { name: 'shop', items: [{ code: 'a' }, { code: 'b' }] };

async function render(source: string, ctx: unknown = context) {
  const [out] = await renderer.render({ t: precompileTemplate('t', source) }, [
    { template: 't', context: ctx, path: 'out.txt' },
  ]);
  return out!;
}

describe('the template sandbox', () => {
  it('renders what the model gives it', async () => {
    expect(await render('{{name}}:{{#each items}}{{code}}{{/each}}:{{json items}}')).toBe(
      'shop:ab:[{"code":"a"},{"code":"b"}]\n',
    );
  });

  it.each([
    ['the constructor chain', '{{constructor.constructor "return process"}}'],
    ['a lookup of the constructor', '{{#with (lookup this "constructor")}}{{name}}{{/with}}'],
    ['__proto__', '{{__proto__.constructor.name}}'],
    ['a prototype method', '{{name.toString}}'],
    ['process', '{{process.env.HOME}}'],
    ['globalThis', '{{globalThis.process.pid}}'],
  ])('gives nothing for %s', async (_, payload) => {
    const out = await render(payload).catch((error: Error) => `refused: ${error.message}`);
    expect(out).not.toMatch(/function|\[native code\]|process \{|\/root|\d{2,}/);
    expect(out).not.toContain('Object');
    expect(out).toMatch(/^refused: Template t|^\n$/);
  });

  it('refuses helpers it does not know, before rendering', () => {
    for (const payload of ['{{require "fs"}}', '{{#exec "ls"}}x{{/exec}}', '{{fetch "http://x"}}'])
      expect(() => precompileTemplate('t', payload)).toThrow(/Template t/);
  });

  it('has no partials to reach files with', async () => {
    await expect(render('{{> secrets}}')).rejects.toThrow(/Template t: .*partial/i);
  });

  it('names the template and line of an error', async () => {
    await expect(render('line one\n{{missing.value}}')).rejects.toMatchObject({
      details: { template: 't' },
    });
    expect(() => precompileTemplate('t', 'ok\n{{#each items}}\nnever closed')).toThrow(
      /Template t, line \d/,
    );
  });

  it('stops a template that runs too long, and renders again afterwards', async () => {
    const many = { rows: Array.from({ length: 400 }, (_, i) => ({ i })) };
    // Nothing is written: only the loops run.
    const slow = `${'{{#each @root.rows}}'.repeat(4)}${'{{/each}}'.repeat(4)}`;
    await expect(render(slow, many)).rejects.toThrow(/took longer than 3 s/);
    expect(await render('{{name}}')).toBe('shop\n');
  });

  it('stops a template that eats memory, and renders again afterwards', async () => {
    const wide = { rows: Array.from({ length: 3000 }, () => ({ s: 'y'.repeat(1000) })) };
    await expect(
      render('{{#each rows}}{{#each @root.rows}}{{s}}{{/each}}{{/each}}', wide),
    ).rejects.toThrow(/Rendering failed: .*memory|Invalid string length|took longer than/);
    expect(await render('{{name}}')).toBe('shop\n');
  }, 30_000);
});
