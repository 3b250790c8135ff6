/**
 * The whole diagram as an image, as React Flow's own download example makes it: the viewport
 * element rendered at the transform that fits every node (html-to-image).
 */
import { getNodesBounds, getViewportForBounds, type Node } from '@xyflow/react';
import { toPng, toSvg } from 'html-to-image';

const PADDING = 0.08;

export async function diagramImage(nodes: Node[], format: 'png' | 'svg'): Promise<string> {
  const viewport = document.querySelector<HTMLElement>('.react-flow__viewport');
  if (!viewport) throw new Error('The diagram is not on the page');
  const bounds = getNodesBounds(nodes);
  const width = Math.min(8000, Math.max(640, Math.ceil(bounds.width * 1.1)));
  const height = Math.min(8000, Math.max(400, Math.ceil(bounds.height * 1.1)));
  const { x, y, zoom } = getViewportForBounds(bounds, width, height, 0.1, 2, PADDING);
  const options = {
    backgroundColor: '#ffffff',
    width,
    height,
    style: {
      width: `${width}px`,
      height: `${height}px`,
      transform: `translate(${x}px, ${y}px) scale(${zoom})`,
    },
    // The controls and minimap are not part of the diagram.
    filter: (node: HTMLElement) => !node.classList?.contains('react-flow__panel'),
  };
  return format === 'png' ? toPng(viewport, options) : toSvg(viewport, options);
}
