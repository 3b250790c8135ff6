/**
 * Model text stays text in what is generated: a name or an option a modeller typed that looks
 * like code (a newline then a Prisma model, a comment's end then an export) ends up inside the
 * comment or the string it belongs to, never as code of its own.
 */
import { assignIds, commentText, validateDocument } from '@tessera/meta';
import { afterAll, describe, expect, it } from 'vitest';

import { eject } from './eject';
import { TemplateRenderer } from './render/renderer';

const renderer = new TemplateRenderer();
afterAll(() => renderer.close());

const NAME = 'Client */ export const pwned = 1; /*\nmodel Evil {\n  id Int @id\n}';

const parsed = validateDocument({
  project: 'shop',
  entities: [
    {
      code: 'customer',
      name: NAME,
      fields: [
        { code: 'name', type: 'string', length: 100 },
        { code: 'tier', type: 'enum', options: ["gold'); pwned(); ('", 'x\ny'] },
      ],
    },
  ],
});
if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));

describe('model text in the generated service', () => {
  it('stays inside the comments and strings it belongs to', async () => {
    const files = await eject({ document: assignIds(parsed.document, null), version: 1, renderer });
    const schema = files.find((f) => f.path === 'prisma/schema.prisma')!.content;
    expect(schema).not.toMatch(/^model Evil/m);
    expect(schema).toContain(`/// ${commentText(NAME)}\n`);
    expect(commentText(NAME)).not.toMatch(/\n|\*\//);
    for (const file of files.filter((f) => f.path.endsWith('.ts')))
      expect(file.content, file.path).not.toMatch(/^\s*(export const pwned|pwned\()/m);
  });
});
