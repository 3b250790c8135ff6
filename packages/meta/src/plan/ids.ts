/**
 * Stable ids. A document saved as a draft carries an id on every entity, field and relation.
 * A document that arrives without them (an import) is matched against the current model: by
 * id, then by `renamedFrom`, then by code; anything unmatched is new and gets a fresh id.
 */
import type { ModelDocument } from '../document';

export function assignIds(doc: ModelDocument, base: ModelDocument | null): ModelDocument {
  const baseEntities = base?.entities ?? [];
  const usedEntities = new Set<string>();
  const entities = doc.entities.map((entity) => {
    const match =
      baseEntities.find((b) => entity.id && b.id === entity.id) ??
      baseEntities.find(
        (b) =>
          entity.renamedFrom !== undefined &&
          b.code === entity.renamedFrom &&
          !usedEntities.has(b.id!),
      ) ??
      baseEntities.find((b) => b.code === entity.code && !usedEntities.has(b.id!));
    if (match?.id) usedEntities.add(match.id);
    const usedFields = new Set<string>();
    const fields = entity.fields.map((field) => {
      const fieldMatch =
        match?.fields.find((b) => field.id && b.id === field.id) ??
        match?.fields.find(
          (b) =>
            field.renamedFrom !== undefined &&
            b.code === field.renamedFrom &&
            !usedFields.has(b.id!),
        ) ??
        match?.fields.find((b) => b.code === field.code && !usedFields.has(b.id!));
      if (fieldMatch?.id) usedFields.add(fieldMatch.id);
      const { renamedFrom: _renamed, ...rest } = field;
      return { ...rest, id: field.id ?? fieldMatch?.id ?? crypto.randomUUID() };
    });
    const { renamedFrom: _renamed, ...rest } = entity;
    return { ...rest, id: entity.id ?? match?.id ?? crypto.randomUUID(), fields };
  });
  const baseRelations = base?.relations ?? [];
  const usedRelations = new Set<string>();
  const relations = doc.relations.map((relation) => {
    const match =
      baseRelations.find((b) => relation.id && b.id === relation.id) ??
      baseRelations.find(
        (b) =>
          relation.renamedFrom !== undefined &&
          b.code === relation.renamedFrom &&
          !usedRelations.has(b.id!),
      ) ??
      baseRelations.find((b) => b.code === relation.code && !usedRelations.has(b.id!));
    if (match?.id) usedRelations.add(match.id);
    const { renamedFrom: _renamed, ...rest } = relation;
    return { ...rest, id: relation.id ?? match?.id ?? crypto.randomUUID() };
  });
  return { ...doc, entities: entities, relations };
}
