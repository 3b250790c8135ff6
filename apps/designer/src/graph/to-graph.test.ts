import { assignIds, type ModelDocument, validateDocument } from '@tessera/meta';
import { describe, expect, it } from 'vitest';

import { categoryColor, toGraph } from './to-graph';

function model(input: unknown): ModelDocument {
  const parsed = validateDocument(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return assignIds(parsed.document, null);
}

const shop = () =>
  model({
    project: 'shop',
    entities: [
      {
        code: 'customer',
        category: 'People',
        position: { x: 10, y: 20 },
        systemFields: ['created_at'],
        fields: [
          { code: 'name', type: 'string', length: 100, required: true },
          { code: 'email', type: 'email', unique: true },
        ],
      },
      {
        code: 'order',
        fields: [
          { code: 'total', type: 'decimal', precision: 12, scale: 2, indexed: true },
          { code: 'status', type: 'enum', options: ['new', 'paid'], default: 'new' },
        ],
      },
      { code: 'tag', fields: [{ code: 'label', type: 'string' }] },
      { code: 'order_tag', fields: [{ code: 'note', type: 'text' }] },
    ],
    relations: [
      {
        code: 'order_customer',
        type: 'many-to-one',
        from: 'order',
        to: 'customer',
        field: 'customer',
        required: true,
      },
      {
        code: 'customer_referrer',
        type: 'many-to-one',
        from: 'customer',
        to: 'customer',
        field: 'referrer',
      },
      { code: 'order_tags', type: 'many-to-many', from: 'order', to: 'tag', through: 'order_tag' },
    ],
  });

const node = (graph: ReturnType<typeof toGraph>, code: string) =>
  graph.nodes.find((n) => n.data.code === code)!;

describe('the model as a graph', () => {
  it('shows each entity’s fields with their facts, the id first and system fields folded', () => {
    const graph = toGraph(shop());
    const order = node(graph, 'order');
    expect(order.data.rows.map((r) => [r.code, r.type, r.kind])).toEqual([
      ['id', 'uuid', 'pk'],
      ['total', 'decimal(12,2)', 'field'],
      ['status', 'enum[2]', 'field'],
      ['customer', '→ customer', 'fk'],
    ]);
    expect(order.data.rows[1]).toMatchObject({ indexed: true });
    expect(order.data.rows[2]).toMatchObject({ defaultValue: '"new"' });
    expect(order.data.systemRows.map((r) => r.code)).toEqual([
      'created_at',
      'updated_at',
      'created_by',
      'updated_by',
      'version',
    ]);
    expect(node(graph, 'customer').data.systemRows.map((r) => r.code)).toEqual(['created_at']);
  });

  it('attaches a relation to its foreign key row and the target’s id, with crow’s-foot ends', () => {
    const doc = shop();
    const graph = toGraph(doc);
    const relation = doc.relations.find((r) => r.code === 'order_customer')!;
    const edge = graph.edges.find((e) => e.id === relation.id)!;
    expect(edge).toMatchObject({
      source: node(graph, 'order').id,
      sourceHandle: `r:${relation.id}`,
      target: node(graph, 'customer').id,
      targetHandle: 'pk',
      data: { sourceEnd: 'many', targetEnd: 'one', self: false },
    });
    const self = graph.edges.find((e) => e.data.code === 'customer_referrer')!;
    expect(self.data).toMatchObject({ self: true, targetEnd: 'zero-or-one' });
    expect(self.source).toBe(self.target);
  });

  it('draws a many-to-many through its junction, or folded into one edge', () => {
    const doc = shop();
    const open = toGraph(doc);
    const junction = node(open, 'order_tag');
    expect(junction.data.junction).toBe(true);
    expect(junction.data.rows.map((r) => r.code)).toEqual(['id', 'note', 'order', 'tag']);
    const through = open.edges.filter((e) => e.data.code === 'order_tags');
    expect(through.map((e) => [e.source, e.target])).toEqual([
      [junction.id, node(open, 'order').id],
      [junction.id, node(open, 'tag').id],
    ]);
    const folded = toGraph(doc, { foldJunctions: true });
    expect(folded.nodes.map((n) => n.data.code)).not.toContain('order_tag');
    expect(folded.edges.filter((e) => e.data.code === 'order_tags')).toEqual([
      expect.objectContaining({
        source: node(open, 'order').id,
        target: node(open, 'tag').id,
        data: expect.objectContaining({ folded: true, sourceEnd: 'many', targetEnd: 'many' }),
      }),
    ]);
  });

  it('marks the entities the ejected service serves', () => {
    const doc = shop();
    doc.service = { url: 'http://shop-service:3000' };
    doc.entities[0]!.mode = 'ejected';
    const graph = toGraph(doc);
    const ejected = graph.nodes.flatMap((n) =>
      n.type === 'entity' && (n.data as { ejected?: boolean }).ejected
        ? [(n.data as { code: string }).code]
        : [],
    );
    expect(ejected).toEqual(['customer']);
  });

  it('places what has a position, lists what has none, and colours by category', () => {
    const graph = toGraph(shop());
    expect(node(graph, 'customer').position).toEqual({ x: 10, y: 20 });
    expect(graph.unplaced).toHaveLength(3);
    expect(node(graph, 'customer').data.color).toBe(categoryColor('People'));
    expect(categoryColor('People')).not.toBe(categoryColor('Sales'));
    const hues = ['area_1', 'area_2', 'area_3'].map((c) =>
      Number(/hsl\((\d+)/.exec(categoryColor(c))![1]),
    );
    for (const [i, a] of hues.entries())
      for (const b of hues.slice(i + 1))
        expect(Math.min(Math.abs(a - b), 360 - Math.abs(a - b))).toBeGreaterThan(20);
  });
});
