/** The box around each category's entities on the canvas (drawn behind them, not saved). */
import { categoryColor } from './to-graph';

interface Placed {
  position: { x: number; y: number };
  measured?: { width?: number; height?: number };
  data: { category?: string };
}

const PAD = 28;

export function categoryAreas(nodes: readonly Placed[]) {
  const boxes = new Map<string, { x0: number; y0: number; x1: number; y1: number }>();
  for (const node of nodes) {
    const category = node.data.category;
    if (!category) continue;
    const w = node.measured?.width ?? 240;
    const h = node.measured?.height ?? 160;
    const box = boxes.get(category) ?? { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
    box.x0 = Math.min(box.x0, node.position.x);
    box.y0 = Math.min(box.y0, node.position.y);
    box.x1 = Math.max(box.x1, node.position.x + w);
    box.y1 = Math.max(box.y1, node.position.y + h);
    boxes.set(category, box);
  }
  return [...boxes].map(([category, b]) => ({
    id: `area:${category}`,
    type: 'area',
    position: { x: b.x0 - PAD, y: b.y0 - PAD - 18 },
    data: {
      label: category,
      color: categoryColor(category),
      width: b.x1 - b.x0 + 2 * PAD,
      height: b.y1 - b.y0 + 2 * PAD + 18,
    },
    draggable: false,
    selectable: false,
    zIndex: -2,
  }));
}
