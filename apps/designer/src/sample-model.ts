/** A small customer/order model laid out for the preview canvas. */
import type { Edge, Node } from '@xyflow/react';

export function sampleModel(): { nodes: Node[]; edges: Edge[] } {
  const nodes: Node[] = [
    { id: 'customer', position: { x: 0, y: 0 }, data: { label: 'customer · name, email' } },
    { id: 'order', position: { x: 320, y: 0 }, data: { label: 'order · total, status' } },
  ];
  const edges: Edge[] = [
    { id: 'order_customer', source: 'order', target: 'customer', label: 'many-to-one' },
  ];
  return { nodes, edges };
}
