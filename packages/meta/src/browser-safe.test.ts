/**
 * `@tessera/meta` loads in a browser (the designer checks names and values as you type): nothing
 * reachable from its entry points imports a Node built-in or uses Node's globals, and the names
 * it hashes are the ones Node's crypto gives (they name database objects and plan steps).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { objectName } from './ddl/physical';
import { NODE_ONLY, reachableSources } from './testing';
import { sha256Hex, utf8Length } from './hash';
import { stepId } from './plan/types';

const SRC = import.meta.dirname;

describe('@tessera/meta in a browser', () => {
  it.each(['index.ts', 'patterns.ts'])(
    '%s reaches no Node built-in and no Node global',
    (entry) => {
      const files = [...reachableSources(path.join(SRC, entry))];
      expect(files.length).toBeGreaterThan(entry === 'index.ts' ? 10 : 0);
      for (const file of files) {
        const text = readFileSync(file, 'utf8');
        expect(text, path.relative(SRC, file)).not.toMatch(NODE_ONLY);
      }
    },
  );

  it('hashes as Node does, so object names and step ids stay what they were', () => {
    for (const text of ['', 'order_customer_fkey', 'ünïcödé ✓', 'x'.repeat(500)])
      expect(sha256Hex(text)).toBe(createHash('sha256').update(text).digest('hex'));
    expect(utf8Length('ü✓')).toBe(Buffer.byteLength('ü✓'));
    const long = objectName(['a'.repeat(40), 'b'.repeat(30)], 'fkey');
    const full = `${'a'.repeat(40)}_${'b'.repeat(30)}_fkey`;
    expect(long).toBe(
      `${full.slice(0, 63 - 4 - 8 - 2)}_${createHash('sha256').update(full).digest('hex').slice(0, 8)}_fkey`,
    );
    expect(stepId('add', 'x')).toBe(
      createHash('sha256')
        .update(JSON.stringify(['add', 'x']))
        .digest('hex')
        .slice(0, 16),
    );
  });
});
