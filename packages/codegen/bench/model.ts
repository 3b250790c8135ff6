/** A 50-entity model for the codegen benchmark: ten fields of mixed types each, chained relations. */
const TYPES = [
  { type: 'string', length: 80, required: true },
  { type: 'integer', validation: { min: 0 } },
  { type: 'decimal', precision: 12, scale: 2 },
  { type: 'boolean' },
  { type: 'date' },
  { type: 'datetime' },
  { type: 'enum', options: ['a', 'b', 'c'], default: 'a' },
  { type: 'email', unique: true },
  { type: 'text' },
  { type: 'json' },
];

export function wideModel(entities = 50) {
  const code = (i: number) => `e${String(i).padStart(2, '0')}`;
  return {
    project: 'wide',
    entities: Array.from({ length: entities }, (_, i) => ({
      code: code(i + 1),
      fields: TYPES.map((t, j) => ({ code: `f${j}_${t.type.replace('-', '_')}`, ...t })),
    })),
    relations: [
      ...Array.from({ length: entities - 1 }, (_, i) => ({
        code: `${code(i + 2)}_parent`,
        type: 'many-to-one',
        from: code(i + 2),
        to: code(i + 1),
        field: 'parent',
        inverse: 'children',
      })),
      ...Array.from({ length: 5 }, (_, i) => ({
        code: `${code(i + 1)}_links`,
        type: 'many-to-many',
        from: code(i + 1),
        to: code(i + 10),
        field: 'links',
        inverse: `linked_${i}`,
      })),
    ],
  };
}
