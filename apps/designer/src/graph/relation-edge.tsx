/**
 * A relation on the canvas: from its foreign key row to the target's id row, with crow's-foot
 * ends. A self relation loops around its entity. Its code shows when it is selected or hovered.
 */
import { BaseEdge, EdgeLabelRenderer, type EdgeProps, getSmoothStepPath } from '@xyflow/react';
import { memo } from 'react';

import { markerId } from './markers';
import type { RelationEdgeData } from './to-graph';

function loopPath(sx: number, sy: number, tx: number, ty: number) {
  const top = Math.min(sy, ty) - 48;
  const right = sx + 36;
  const left = tx - 36;
  return {
    path: `M ${sx} ${sy} H ${right} V ${top} H ${left} V ${ty} H ${tx}`,
    labelX: (left + right) / 2,
    labelY: top,
  };
}

export const RelationEdge = memo(function RelationEdge(props: EdgeProps) {
  const data = props.data as RelationEdgeData;
  const { sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition } = props;
  let path: string;
  let labelX: number;
  let labelY: number;
  if (data.self) ({ path, labelX, labelY } = loopPath(sourceX, sourceY, targetX, targetY));
  else
    [path, labelX, labelY] = getSmoothStepPath({
      sourceX,
      sourceY,
      targetX,
      targetY,
      sourcePosition,
      targetPosition,
      borderRadius: 8,
    });
  const highlight = props.selected ? '#2563eb' : '#475569';
  return (
    <>
      <BaseEdge
        id={props.id}
        path={path}
        markerStart={`url(#${markerId(data.sourceEnd)})`}
        markerEnd={`url(#${markerId(data.targetEnd)})`}
        style={{ stroke: highlight, strokeWidth: props.selected ? 2 : 1.5 }}
        interactionWidth={14}
      />
      {props.selected ? (
        <EdgeLabelRenderer>
          <div
            className="edge-label nodrag nopan"
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          >
            {data.code} · {data.type}
          </div>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
});
