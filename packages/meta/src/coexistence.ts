/**
 * Interpreted and ejected entities side by side: which ejected entities a publish changes, so
 * whoever publishes is told their service must be regenerated (the runtime forwards to it, and
 * it serves the model it was generated from).
 */
import { diffDocuments } from './diff';
import type { ModelDocument } from './document';

export function ejectedEntitiesChanged(
  published: ModelDocument | null,
  draft: ModelDocument,
): string[] {
  const ejected = new Set(
    [...draft.entities, ...(published?.entities ?? [])]
      .filter((e) => e.mode === 'ejected')
      .map((e) => e.code),
  );
  if (ejected.size === 0) return [];
  const relations = new Map(
    [...(published?.relations ?? []), ...draft.relations].map((r) => [r.code, r]),
  );
  const touched = new Set<string>();
  for (const change of diffDocuments(
    published ?? { ...draft, entities: [], relations: [] },
    draft,
  )) {
    if (change.target === 'entity') touched.add(change.path);
    else if (change.target === 'field') touched.add(change.path.split('.')[0]!);
    else if (change.target === 'relation') {
      const relation = relations.get(change.path);
      if (relation) touched.add(relation.from).add(relation.to);
    }
  }
  return [...touched].filter((code) => ejected.has(code)).sort();
}
