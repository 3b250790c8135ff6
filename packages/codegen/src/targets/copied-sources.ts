/**
 * Code the ejected service shares with the platform, copied from the package that owns it so
 * the two never drift: `checkValue` and the RE2 patterns it uses, from `@tessera/meta`.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const META_SRC = path.dirname(fileURLToPath(import.meta.resolve('@tessera/meta')));

const HEADER = (from: string) =>
  `// Copied by Tessera from @tessera/meta (${from}): the platform's runtime runs the same code.\n`;

export async function validationSources(): Promise<{ path: string; content: string }[]> {
  const values = await readFile(path.join(META_SRC, 'values.ts'), 'utf8');
  const patterns = await readFile(path.join(META_SRC, 'patterns.ts'), 'utf8');
  return [
    {
      path: 'src/common/validation/values.ts',
      content:
        HEADER('values.ts') +
        values
          .replace(
            "import type { Field } from './fields';",
            "import type { Field } from './field.js';",
          )
          .replace(
            "import { matchesPattern } from './patterns';",
            "import { matchesPattern } from './patterns.js';",
          ),
    },
    { path: 'src/common/validation/patterns.ts', content: HEADER('patterns.ts') + patterns },
  ];
}
