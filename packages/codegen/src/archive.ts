/**
 * A generation as one zip: each target's first ejection (files, manifest, merge bases) in a
 * folder named for the target, so unzipping and running `tessera eject` over it regenerates in
 * place.
 */
import { strToU8, zipSync, type Zippable } from 'fflate';

import type { GeneratedFile } from './files';
import { firstEjectionFiles } from './write-files';

export interface ArchivedTarget {
  target: string;
  files: readonly GeneratedFile[];
  /** Recorded in the target's manifest: where the generation came from. */
  source?: Record<string, unknown>;
}

export function ejectionArchive(targets: readonly ArchivedTarget[]): Uint8Array {
  const entries: Zippable = {};
  for (const { target, files, source } of targets)
    for (const file of firstEjectionFiles(files, source))
      entries[`${target}/${file.path}`] = strToU8(file.content);
  return zipSync(entries, { level: 6 });
}
