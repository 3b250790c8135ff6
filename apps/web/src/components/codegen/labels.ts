/** How the console names targets and what regeneration does to a file. */
import { CODEGEN_TARGETS, type CodegenTarget } from '@tessera/codegen/targets';

export const TARGET_LABEL: Record<CodegenTarget, string> = {
  'nestjs-prisma': 'NestJS + Prisma service',
  'amis-pages': 'amis pages',
};

export const TARGETS = CODEGEN_TARGETS;

export const ACTION_COLOR = {
  new: 'green',
  replaced: 'blue',
  merged: 'cyan',
  conflict: 'red',
  removed: 'red',
  kept: 'gray',
  unchanged: 'gray',
  orphaned: 'amber',
  ignored: 'gray',
} as const;

export type Action = keyof typeof ACTION_COLOR;

/** `{ new: 3, replaced: 1 }` → "3 new · 1 replaced", changes first. */
export function countsText(counts: Partial<Record<Action, number>> | undefined): string {
  const order: Action[] = [
    'new',
    'replaced',
    'merged',
    'conflict',
    'removed',
    'orphaned',
    'kept',
    'unchanged',
    'ignored',
  ];
  const parts = order.flatMap((a) => (counts?.[a] ? [`${counts[a]} ${a}`] : []));
  return parts.length ? parts.join(' · ') : 'no files';
}
