/**
 * Every many-to-many relation goes through a visible junction entity that may carry its own
 * fields. A relation declared without one gets an entity named after the relation.
 */
import type { ModelDocument } from './document';

export function withJunctionEntities(doc: ModelDocument): ModelDocument {
  const entities = [...doc.entities];
  const relations = doc.relations.map((relation) => {
    if (relation.type !== 'many-to-many' || relation.through) return relation;
    if (!entities.some((e) => e.code === relation.code)) {
      entities.push({ code: relation.code, name: `${relation.from} ↔ ${relation.to}`, fields: [] });
    }
    return { ...relation, through: relation.code };
  });
  return { ...doc, entities, relations };
}
