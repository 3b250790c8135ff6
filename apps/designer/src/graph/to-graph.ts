/**
 * The model as the canvas draws it: an entity node per entity (its field rows, the system ones
 * folded away), an edge per relation attached to the rows it uses, with the cardinality of each
 * end, and the notes and category areas. Pure, so it is tested without a browser.
 */
import {
  type Entity,
  type ModelDocument,
  type Relation,
  relationField,
  OPTIONAL_SYSTEM_FIELDS,
} from '@tessera/meta';

export type End = 'one' | 'zero-or-one' | 'many';

export interface Row {
  /** The row's handle id: a field id, `pk` for the id column, `r:<relation>` for a foreign key. */
  key: string;
  code: string;
  type: string;
  kind: 'pk' | 'field' | 'fk' | 'system';
  fieldId?: string;
  relationId?: string;
  required?: boolean;
  unique?: boolean;
  indexed?: boolean;
  defaultValue?: string;
}

export interface EntityNodeData {
  [key: string]: unknown;
  entityId: string;
  code: string;
  name?: string;
  category?: string;
  color: string;
  junction: boolean;
  /** Served by the project's ejected service rather than the runtime. */
  ejected: boolean;
  rows: Row[];
  /** The folded system columns (created_at, version…). */
  systemRows: Row[];
}

export interface RelationEdgeData {
  [key: string]: unknown;
  relationId: string;
  code: string;
  type: Relation['type'];
  sourceEnd: End;
  targetEnd: End;
  self: boolean;
  /** A many-to-many drawn as one edge, its junction folded away. */
  folded: boolean;
}

export interface GraphNode<T> {
  id: string;
  type: string;
  position: { x: number; y: number };
  data: T;
  zIndex?: number;
}

export interface GraphEdge {
  id: string;
  type: 'relation';
  source: string;
  target: string;
  sourceHandle: string;
  targetHandle: string;
  data: RelationEdgeData;
}

export interface Graph {
  nodes: GraphNode<EntityNodeData>[];
  notes: GraphNode<{ noteId: string; text: string; color?: string }>[];
  edges: GraphEdge[];
  /** Entities with no saved position, to be laid out. */
  unplaced: string[];
}

/**
 * A stable colour per category (and a neutral one without): FNV-1a of the name, spread round
 * the colour wheel by the golden angle, so similar names ('area_1', 'area_2') still differ.
 */
export function categoryColor(category: string | undefined): string {
  if (!category) return '#64748b';
  let hash = 0x811c9dc5;
  for (const ch of category) hash = Math.imul(hash ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return `hsl(${Math.round((hash * 137.508) % 360)} 55% 40%)`;
}

function formatDefault(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (value && typeof value === 'object' && 'fn' in value) return `${String(value.fn)}()`;
  return JSON.stringify(value);
}

function typeLabel(field: Entity['fields'][number]): string {
  switch (field.type) {
    case 'string':
      return `string(${field.length})`;
    case 'decimal':
      return `decimal(${field.precision},${field.scale})`;
    case 'enum':
    case 'enum-multi':
      return `${field.type}[${field.options.length}]`;
    case 'computed':
      return `= ${field.resultType}`;
    default:
      return field.type;
  }
}

const SYSTEM_TYPES: Record<(typeof OPTIONAL_SYSTEM_FIELDS)[number], string> = {
  created_at: 'datetime',
  updated_at: 'datetime',
  created_by: 'uuid',
  updated_by: 'uuid',
  version: 'integer',
};

/** Where each end of a relation sits on the canvas, and how many rows each end allows. */
function ends(relation: Relation): { source: End; target: End } {
  if (relation.type === 'many-to-many') return { source: 'many', target: 'many' };
  const target: End = relation.required ? 'one' : 'zero-or-one';
  return { source: relation.type === 'one-to-one' ? 'zero-or-one' : 'many', target };
}

export function toGraph(doc: ModelDocument, options: { foldJunctions?: boolean } = {}): Graph {
  const byCode = new Map(doc.entities.map((e) => [e.code, e]));
  const junctions = new Set(
    doc.relations.flatMap((r) => (r.type === 'many-to-many' && r.through ? [r.through] : [])),
  );
  const fold = options.foldJunctions ?? false;
  const fkRows = new Map<string, Row[]>();
  const edges: GraphEdge[] = [];
  const addRow = (entity: string, row: Row) =>
    fkRows.set(entity, [...(fkRows.get(entity) ?? []), row]);

  for (const relation of doc.relations) {
    const from = byCode.get(relation.from);
    const to = byCode.get(relation.to);
    if (!from?.id || !to?.id || !relation.id) continue;
    const { source, target } = ends(relation);
    const base = {
      relationId: relation.id,
      code: relation.code,
      type: relation.type,
      folded: false,
    };
    if (relation.type !== 'many-to-many') {
      const key = `r:${relation.id}`;
      addRow(from.code, {
        key,
        code: relationField(relation),
        type: `→ ${to.code}`,
        kind: 'fk',
        relationId: relation.id,
        required: relation.required,
        unique: relation.type === 'one-to-one',
      });
      edges.push({
        id: relation.id,
        type: 'relation',
        source: from.id,
        target: to.id,
        sourceHandle: key,
        targetHandle: 'pk',
        data: { ...base, sourceEnd: source, targetEnd: target, self: from.id === to.id },
      });
      continue;
    }
    const junction = relation.through ? byCode.get(relation.through) : undefined;
    if (fold || !junction?.id) {
      edges.push({
        id: relation.id,
        type: 'relation',
        source: from.id,
        target: to.id,
        sourceHandle: 'pk-out',
        targetHandle: 'pk',
        data: {
          ...base,
          sourceEnd: 'many',
          targetEnd: 'many',
          self: from.id === to.id,
          folded: true,
        },
      });
      continue;
    }
    // Through the visible junction: one foreign key to each end.
    const columns = [from.code, to.code === from.code ? `related_${to.code}` : to.code];
    [from, to].forEach((end, i) => {
      const key = `r:${relation.id}:${i}`;
      addRow(junction.code, {
        key,
        code: columns[i]!,
        type: `→ ${end.code}`,
        kind: 'fk',
        relationId: relation.id,
        required: true,
      });
      edges.push({
        id: `${relation.id}:${i}`,
        type: 'relation',
        source: junction.id!,
        target: end.id!,
        sourceHandle: key,
        targetHandle: 'pk',
        data: { ...base, sourceEnd: 'many', targetEnd: 'one', self: false },
      });
    });
  }

  const unplaced: string[] = [];
  const nodes = doc.entities.flatMap((entity, index): GraphNode<EntityNodeData>[] => {
    if (!entity.id) return [];
    const junction = junctions.has(entity.code);
    if (junction && fold) return [];
    if (!entity.position) unplaced.push(entity.id);
    const rows: Row[] = [
      { key: 'pk', code: 'id', type: 'uuid', kind: 'pk', required: true, unique: true },
      ...entity.fields.map((field): Row => ({
        key: field.id ?? field.code,
        code: field.code,
        type: typeLabel(field),
        kind: 'field',
        fieldId: field.id,
        required: field.required,
        unique: field.unique,
        indexed: field.indexed,
        defaultValue: formatDefault(field.default),
      })),
      ...(fkRows.get(entity.code) ?? []),
    ];
    const system = entity.systemFields ?? OPTIONAL_SYSTEM_FIELDS;
    return [
      {
        id: entity.id,
        type: 'entity',
        position: entity.position ?? { x: (index % 8) * 300, y: Math.floor(index / 8) * 320 },
        data: {
          entityId: entity.id,
          code: entity.code,
          name: entity.name,
          category: entity.category,
          color: categoryColor(entity.category),
          junction,
          ejected: entity.mode === 'ejected',
          rows,
          systemRows: system.map((code) => ({
            key: `sys:${code}`,
            code,
            type: SYSTEM_TYPES[code],
            kind: 'system',
          })),
        },
      },
    ];
  });

  const notes = (doc.notes ?? []).map((note) => ({
    id: note.id,
    type: 'note',
    position: note.position,
    data: { noteId: note.id, text: note.text, ...(note.color ? { color: note.color } : {}) },
    zIndex: -1,
  }));
  return { nodes, notes, edges, unplaced };
}
