'use client';
/** A template's saved versions, each with what it changed against the one before it. */
import { SavedVersions } from '~/components/ui/saved-versions';

import { FileDiff } from './file-diff';
import type { TemplateSource } from './types';

export function TemplateVersions({
  versions,
  builtIn,
  onRestore,
}: {
  versions: TemplateSource['versions'];
  builtIn: string;
  onRestore: (version: number) => void;
}) {
  return (
    <SavedVersions
      label="Template versions"
      baseLabel="built-in"
      empty="The built-in template; this project has not changed it."
      versions={versions.map((v) => ({ ...v, base: v.builtIn }))}
      onRestore={onRestore}
      changes={(i) => {
        // Against the version before it, or the built-in template for the first.
        const before = versions[i + 1];
        return (
          <FileDiff
            before={before?.source ?? builtIn}
            after={versions[i]!.source}
            since={before ? `since v${before.version}` : 'from the built-in template'}
          />
        );
      }}
    />
  );
}
