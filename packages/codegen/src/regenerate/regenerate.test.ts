import { describe, expect, it } from 'vitest';

import type { GeneratedFile } from '../files';
import { mergeText } from './merge3';
import { planRegeneration } from './plan';

const BASE = ['import a;', '', 'export class Order {', '  total = 0;', '}', ''].join('\n');

describe('the three-way merge', () => {
  it('brings both sides in where they touch different lines', () => {
    const yours = BASE.replace('import a;', 'import a;\nimport mine;');
    const generated = BASE.replace('  total = 0;', '  total = 0;\n  note = "";');
    expect(mergeText(BASE, yours, generated)).toEqual({
      text: BASE.replace('import a;', 'import a;\nimport mine;').replace(
        '  total = 0;',
        '  total = 0;\n  note = "";',
      ),
      conflicts: 0,
    });
  });

  it('marks where both changed the same lines, keeping both', () => {
    const yours = BASE.replace('total = 0', 'total = 1');
    const generated = BASE.replace('total = 0', 'amount = 0');
    const merged = mergeText(BASE, yours, generated);
    expect(merged.conflicts).toBe(1);
    expect(merged.text).toContain(
      [
        '<<<<<<< yours',
        '  total = 1;',
        '||||||| last generated',
        '  total = 0;',
        '=======',
        '  amount = 0;',
        '>>>>>>> generated',
      ].join('\n'),
    );
  });

  it('takes the same change made on both sides once', () => {
    const both = BASE.replace('total = 0', 'total = 2');
    expect(mergeText(BASE, both, both)).toEqual({ text: both, conflicts: 0 });
  });
});

describe('what regenerating does to each file', () => {
  const file = (
    path: string,
    content: string,
    ownership: GeneratedFile['ownership'] = 'generated',
  ) => ({
    path,
    content,
    ownership,
  });
  const plan = (
    next: GeneratedFile[],
    disk: Record<string, string>,
    previous: Record<string, [GeneratedFile['ownership'], string]>,
    ignored: string[] = [],
  ) =>
    Object.fromEntries(
      planRegeneration({
        next,
        onDisk: (p) => disk[p] ?? null,
        previous: new Map(
          Object.entries(previous).map(([p, [ownership, content]]) => [p, { ownership, content }]),
        ),
        ignored: (p) => ignored.includes(p),
      }).map((f) => [f.path, f]),
    );

  it('replaces what nobody edited, merges what was edited, marks conflicts', () => {
    const v1 = BASE;
    const v2 = BASE.replace('  total = 0;', '  total = 0;\n  note = "";');
    const result = plan(
      [
        file('a.ts', v2),
        file('b.ts', v2),
        file('c.ts', v2.replace('total = 0', 'amount = 0')),
        file('d.ts', v1),
      ],
      {
        'a.ts': v1,
        'b.ts': v1.replace('import a;', 'import a;\nimport mine;'),
        'c.ts': v1.replace('total = 0', 'total = 1'),
        'd.ts': v1.replace('import a;', 'import b;'),
      },
      {
        'a.ts': ['generated', v1],
        'b.ts': ['generated', v1],
        'c.ts': ['generated', v1],
        'd.ts': ['generated', v1],
      },
    );
    expect(result['a.ts']).toMatchObject({ action: 'replaced', content: v2 });
    expect(result['b.ts']).toMatchObject({
      action: 'merged',
      content: expect.stringContaining('import mine;\n'),
    });
    expect(result['b.ts']!.content).toContain('note = "";');
    expect(result['c.ts']).toMatchObject({ action: 'conflict', conflicts: 1 });
    // Edited, and the model change does not touch it: the edit stays as it is.
    expect(result['d.ts']).toMatchObject({ action: 'kept', generated: v1 });
    expect(result['d.ts']!.content).toBeUndefined();
  });

  it('never rewrites or removes the developer’s files, and leaves ignored ones alone', () => {
    const result = plan(
      [
        file('own.ts', 'new', 'owned'),
        file('fresh.ts', 'x', 'owned'),
        file('skip.ts', 'generated again'),
      ],
      { 'own.ts': 'mine', 'skip.ts': 'hand-written', 'old-own.ts': 'mine too' },
      {
        'own.ts': ['owned', 'old'],
        'skip.ts': ['generated', 'generated'],
        'old-own.ts': ['owned', 'x'],
      },
      ['skip.ts'],
    );
    expect(result['own.ts']!.action).toBe('kept');
    expect(result['fresh.ts']).toMatchObject({ action: 'new', content: 'x' });
    expect(result['skip.ts']!.action).toBe('ignored');
    expect(result['old-own.ts']!.action).toBe('orphaned');
  });

  it('removes a file the model no longer needs only if nobody edited it', () => {
    const result = plan(
      [],
      { 'gone.ts': 'v1', 'edited.ts': 'v1 + mine' },
      {
        'gone.ts': ['generated', 'v1'],
        'edited.ts': ['generated', 'v1'],
        'deleted.ts': ['generated', 'v1'],
      },
    );
    expect(result['gone.ts']!.action).toBe('removed');
    expect(result['edited.ts']!.action).toBe('orphaned');
    expect(result['deleted.ts']).toBeUndefined();
  });

  it('on a first ejection writes everything new', () => {
    const result = planRegeneration({
      next: [file('a.ts', 'a'), file('b.ts', 'b', 'owned')],
      onDisk: () => null,
      previous: null,
      ignored: () => false,
    });
    expect(result.map((f) => [f.path, f.action])).toEqual([
      ['a.ts', 'new'],
      ['b.ts', 'new'],
    ]);
  });
});
