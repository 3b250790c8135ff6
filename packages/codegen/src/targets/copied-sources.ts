/**
 * Code the ejected service shares with the platform, copied from the package that owns it so
 * the two never drift: `checkValue` and the RE2 patterns it uses, from `@tessera/meta`; the
 * CSV cell guard and the change stream's replay from `@tessera/runtime-core`.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const META_SRC = path.dirname(fileURLToPath(import.meta.resolve('@tessera/meta')));
const RUNTIME_SRC = path.dirname(fileURLToPath(import.meta.resolve('@tessera/runtime-core')));

const HEADER = (from: string) =>
  `// Copied by Tessera from ${from}: the platform's runtime runs the same code.\n`;

export async function validationSources(): Promise<{ path: string; content: string }[]> {
  const values = await readFile(path.join(META_SRC, 'values.ts'), 'utf8');
  const patterns = await readFile(path.join(META_SRC, 'patterns.ts'), 'utf8');
  return [
    {
      path: 'src/common/validation/values.ts',
      content:
        HEADER('@tessera/meta (values.ts)') +
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
    {
      path: 'src/common/validation/patterns.ts',
      content: HEADER('@tessera/meta (patterns.ts)') + patterns,
    },
    {
      path: 'src/changes/replay.ts',
      content:
        HEADER('@tessera/runtime-core (changes/replay.ts)') +
        (await readFile(path.join(RUNTIME_SRC, 'changes/replay.ts'), 'utf8')).replace(
          "import type { ChangeNotice, ChangeOp } from './notify';",
          "import type { ChangeNotice, ChangeOp } from './notice.js';",
        ),
    },
    {
      path: 'src/common/csv/csv-cell.ts',
      content:
        HEADER('@tessera/runtime-core (http/csv-cell.ts)') +
        (await readFile(path.join(RUNTIME_SRC, 'http/csv-cell.ts'), 'utf8')),
    },
  ];
}
