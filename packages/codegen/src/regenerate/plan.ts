/**
 * What regenerating into an earlier ejection does to each file, decided before anything is
 * written (a dry run shows exactly this). Pure: it is given the files as they are on disk, the
 * last generated content of each (kept in the output, `.tessera/generated/`), and the new
 * generation.
 *
 * - a generated file nobody edited is replaced (or left, if the new one is the same);
 * - a generated file the developer edited is merged three ways (last generated, theirs, new):
 *   a clean merge is applied, a conflict is written with markers and listed;
 * - a generated file the model no longer needs is removed if nobody edited it, else reported;
 * - the developer's own files (`owned`) are written once and never again; one the model no
 *   longer needs is removed only if it is still as it was written, else reported;
 * - files the ignore file names are left alone.
 */
import type { GeneratedFile } from '../files';
import { mergeText } from './merge3';

export type FileAction =
  | 'new'
  | 'replaced'
  | 'merged'
  | 'conflict'
  | 'removed'
  | 'kept'
  | 'unchanged'
  | 'orphaned'
  | 'ignored';

export interface FilePlan {
  path: string;
  action: FileAction;
  ownership: GeneratedFile['ownership'];
  /** What is written (new, replaced, merged, conflict). */
  content?: string;
  /** The new generation of a generated file: recorded as the last generated content. */
  generated?: string;
  conflicts?: number;
  /** Why, in a few words, for the list a dry run prints. */
  reason: string;
}

export interface RegenerationInput {
  next: readonly GeneratedFile[];
  /** The files as they are now in the output (null: absent). */
  onDisk: (path: string) => string | null;
  /** What the last generation wrote for a path, and its ownership; null for a first ejection. */
  previous: ReadonlyMap<
    string,
    { ownership: GeneratedFile['ownership']; content: string | null }
  > | null;
  ignored: (path: string) => boolean;
}

export function planRegeneration(input: RegenerationInput): FilePlan[] {
  const plans: FilePlan[] = [];
  const nextPaths = new Set(input.next.map((f) => f.path));
  for (const file of input.next) {
    const { path, ownership, content: next } = file;
    if (input.ignored(path)) {
      plans.push({ path, ownership, action: 'ignored', reason: 'named in .tesseraignore' });
      continue;
    }
    const disk = input.onDisk(path);
    const base = input.previous?.get(path)?.content ?? null;
    if (ownership === 'owned') {
      // What was written is kept as its base too, to tell later whether it was edited.
      plans.push(
        disk === null
          ? {
              path,
              ownership,
              action: 'new',
              content: next,
              generated: next,
              reason: 'yours from now on',
            }
          : { path, ownership, action: 'kept', reason: 'yours: never rewritten' },
      );
      continue;
    }
    const generated = { generated: next };
    if (disk === null) {
      plans.push({
        path,
        ownership,
        action: 'new',
        content: next,
        ...generated,
        reason: base === null ? 'new' : 'was missing',
      });
    } else if (disk === next) {
      plans.push({ path, ownership, action: 'unchanged', ...generated, reason: 'already so' });
    } else if (base !== null && disk === base) {
      plans.push({
        path,
        ownership,
        action: 'replaced',
        content: next,
        ...generated,
        reason: 'not edited since generated',
      });
    } else if (base !== null && next === base) {
      plans.push({
        path,
        ownership,
        action: 'kept',
        ...generated,
        reason: 'edited; the model change does not touch it',
      });
    } else {
      // Edited since the last generation (or never generated here): merged with what it was.
      const merged = mergeText(base ?? '', disk, next);
      plans.push({
        path,
        ownership,
        action: merged.conflicts ? 'conflict' : 'merged',
        content: merged.text,
        ...generated,
        ...(merged.conflicts ? { conflicts: merged.conflicts } : {}),
        reason: merged.conflicts
          ? `edited, and the generation changed the same lines (${merged.conflicts} conflict${merged.conflicts > 1 ? 's' : ''})`
          : 'edited; merged with the new generation',
      });
    }
  }
  for (const [path, last] of input.previous ?? []) {
    if (nextPaths.has(path)) continue;
    if (input.ignored(path)) {
      plans.push({
        path,
        ownership: last.ownership,
        action: 'ignored',
        reason: 'named in .tesseraignore',
      });
      continue;
    }
    const disk = input.onDisk(path);
    if (disk === null) continue;
    // Yours or generated, a file nobody edited goes with what it was for.
    if (last.content !== null && disk === last.content)
      plans.push({
        path,
        ownership: last.ownership,
        action: 'removed',
        reason: 'no longer needed by the model, and not edited',
      });
    else
      plans.push({
        path,
        ownership: last.ownership,
        action: 'orphaned',
        reason:
          last.ownership === 'owned'
            ? 'no longer needed by the model; yours, so left'
            : 'no longer needed by the model, but edited: left',
      });
  }
  return plans.sort((a, b) => a.path.localeCompare(b.path));
}
