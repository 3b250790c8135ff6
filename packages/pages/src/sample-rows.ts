/**
 * Made-up rows for a page preview (the designer shows an entity's page before it has a table):
 * a value of each field's type within its rules, a label for each to-one relation, and the
 * system columns, so every column and form control of the page has something to show.
 */
import {
  type Entity,
  type Field,
  type ModelDocument,
  OPTIONAL_SYSTEM_FIELDS,
  relationField,
} from '@tessera/meta';

const WORDS = ['Amber', 'Birch', 'Cedar', 'Delta', 'Ember', 'Fjord', 'Grove', 'Harbor'];

/** A number within the field's min/max, if it has them. */
function number(field: Field, i: number, integer: boolean) {
  const min = field.validation?.min ?? 0;
  const max = field.validation?.max ?? min + 1000;
  const value = min + ((i * 37) % Math.max(1, max - min));
  return integer ? Math.round(value) : Math.round(value * 100) / 100;
}

function text(field: Field, i: number, limit: number) {
  const minLength = field.validation?.minLength ?? 0;
  const base = `${WORDS[i % WORDS.length]} ${field.code.replace(/_/g, ' ')} ${i + 1}`;
  const padded = base.padEnd(minLength, ' x');
  return padded.slice(0, Math.min(limit, field.validation?.maxLength ?? limit));
}

export function sampleValue(field: Field, i: number): unknown {
  const day = new Date(Date.UTC(2026, 0, 1 + i * 3, 9 + (i % 8), 30));
  switch (field.type) {
    case 'string':
      return text(field, i, field.length);
    case 'text':
      return text(field, i, 4000);
    case 'integer':
    case 'bigint':
      return number(field, i, true);
    case 'decimal':
    case 'float':
      return number(field, i, false);
    case 'boolean':
      return i % 2 === 0;
    case 'date':
      return day.toISOString().slice(0, 10);
    case 'datetime':
      return day.toISOString();
    case 'time':
      return day.toISOString().slice(11, 19);
    case 'uuid':
      return `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`;
    case 'json':
      return { sample: i + 1 };
    case 'enum':
      return field.options[i % field.options.length];
    case 'enum-multi':
      return field.options.slice(0, 1 + (i % field.options.length));
    case 'email':
      return `person${i + 1}@example.com`;
    case 'url':
      return `https://example.com/${field.code}/${i + 1}`;
    case 'computed':
      return ['integer', 'bigint', 'decimal', 'float'].includes(field.resultType) ? i * 10 : null;
  }
}

/** `count` rows of `entity`, ids stable per index so related rows can point at each other. */
export function sampleRows(doc: ModelDocument, entity: Entity, count = 5) {
  const system = entity.systemFields ?? OPTIONAL_SYSTEM_FIELDS;
  const toOne = doc.relations.filter((r) => r.type !== 'many-to-many' && r.from === entity.code);
  return Array.from({ length: count }, (_, i) => {
    const row: Record<string, unknown> = {
      id: `00000000-0000-4000-a000-${String(i + 1).padStart(12, '0')}`,
    };
    for (const field of entity.fields) row[field.code] = sampleValue(field, i);
    for (const relation of toOne)
      row[relationField(relation)] =
        `00000000-0000-4000-a000-${String((i % count) + 1).padStart(12, '0')}`;
    const at = new Date(Date.UTC(2026, 0, 1 + i)).toISOString();
    if (system.includes('created_at')) row.created_at = at;
    if (system.includes('updated_at')) row.updated_at = at;
    if (system.includes('version')) row.version = 1;
    return row;
  });
}
