/** Where the edits in conflict are to be shown: on the entity, or on one of its field rows. */
import type { PendingEdit } from '../model/store';

export function conflictMarks(pending: readonly PendingEdit[]) {
  const byEntity: Record<string, string> = {};
  const byRow: Record<string, Record<string, string>> = {};
  for (const edit of pending)
    for (const c of edit.conflicts ?? []) {
      const entity = c.target.entity;
      if (!entity) continue;
      const text = `${c.actorName ?? 'Someone'} changed ${c.target.property ?? 'this'} meanwhile`;
      if (c.target.field) byRow[entity] = { ...byRow[entity], [c.target.field]: text };
      else byEntity[entity] = text;
    }
  return { byEntity, byRow };
}
