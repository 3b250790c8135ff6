/**
 * A three-way merge of text by lines, as `git merge-file` does it: what the developer changed
 * (`yours`) and what the new generation changed (`generated`) since the last generation
 * (`base`) both come through where they touch different lines; where both changed the same
 * lines differently, both versions are written between conflict markers, never one silently.
 */
import { diff3Merge } from 'node-diff3';

export interface MergeOutcome {
  text: string;
  conflicts: number;
}

const lines = (text: string) => text.split('\n');

export function mergeText(base: string, yours: string, generated: string): MergeOutcome {
  const regions = diff3Merge(lines(yours), lines(base), lines(generated), {
    excludeFalseConflicts: true,
  });
  const out: string[] = [];
  let conflicts = 0;
  for (const region of regions) {
    if (region.ok) out.push(...region.ok);
    else if (region.conflict) {
      conflicts += 1;
      out.push(
        '<<<<<<< yours',
        ...region.conflict.a,
        '||||||| last generated',
        ...region.conflict.o,
        '=======',
        ...region.conflict.b,
        '>>>>>>> generated',
      );
    }
  }
  return { text: out.join('\n'), conflicts };
}
