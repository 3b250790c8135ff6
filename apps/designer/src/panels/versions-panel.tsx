/**
 * Compare with a published version: what was added, changed or renamed since is highlighted on
 * the canvas; what was removed is listed here (it is no longer on the canvas to highlight).
 */
import type { ModelChange } from '@tessera/meta';
import { useEffect, useState } from 'react';

import { api, problemOf } from '../api/client';
import { useDesignerState } from '../model/context';

export type Highlights = {
  entities: Record<string, 'added' | 'changed' | 'renamed'>;
  fields: Record<string, Record<string, 'added' | 'changed' | 'renamed'>>;
};

export const NO_HIGHLIGHTS: Highlights = { entities: {}, fields: {} };

/** Changes by entity code and `entity.field` path, as the canvas marks them. */
export function highlightsOf(changes: readonly ModelChange[]): Highlights {
  const out: Highlights = { entities: {}, fields: {} };
  for (const change of changes) {
    if (change.kind === 'removed' || change.target === 'relation') continue;
    if (change.target === 'entity') out.entities[change.path] = change.kind;
    else {
      const [entity, field] = change.path.split('.') as [string, string];
      out.fields[entity] = { ...out.fields[entity], [field]: change.kind };
    }
  }
  return out;
}

export function VersionsPanel({ onHighlights }: { onHighlights: (h: Highlights) => void }) {
  const project = useDesignerState((s) => s.project);
  const revision = useDesignerState((s) => s.revision);
  const [versions, setVersions] = useState<{ version: number; publishedAt: Date }[]>([]);
  const [chosen, setChosen] = useState<number | null>(null);
  const [changes, setChanges] = useState<ModelChange[]>([]);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    api.schema.versions
      .query({ project })
      .then(setVersions)
      .catch((error: unknown) => setMessage(problemOf(error).message));
  }, [project]);

  useEffect(() => {
    if (chosen === null) {
      onHighlights(NO_HIGHLIGHTS);
      return;
    }
    api.schema.diff
      .query({ project, from: chosen, to: 'draft' })
      .then((list) => {
        setChanges(list);
        onHighlights(highlightsOf(list));
      })
      .catch((error: unknown) => setMessage(problemOf(error).message));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [project, chosen, revision]);

  return (
    <section className="versions" aria-label="Compare with a version">
      <h2>Compare</h2>
      <select
        aria-label="Published version"
        value={chosen ?? ''}
        onChange={(e) => setChosen(e.target.value ? Number(e.target.value) : null)}
      >
        <option value="">No comparison</option>
        {versions.map((v) => (
          <option key={v.version} value={v.version}>
            Version {v.version} ({new Date(v.publishedAt).toLocaleString()})
          </option>
        ))}
      </select>
      {chosen !== null ? (
        <ul className="changes">
          {changes.length === 0 ? (
            <li className="muted">No change since version {chosen}</li>
          ) : null}
          {changes.map((c) => (
            <li key={`${c.kind}:${c.path}:${c.summary}`} className={`change ${c.kind}`}>
              {c.summary}
            </li>
          ))}
        </ul>
      ) : null}
      {message ? <p className="problem">{message}</p> : null}
    </section>
  );
}
