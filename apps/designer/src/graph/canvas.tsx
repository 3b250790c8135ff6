/**
 * The React Flow canvas over the model: entity and note nodes from `toGraph`, decorated with
 * what the editor knows (risks, highlights, presence, conflicts, search matches), category
 * areas behind them. Dragging saves positions as a layout edit; dragging from an entity's ⊕
 * to another asks for the relation to create. Only what is on screen is rendered.
 */
import {
  Background,
  ConnectionMode,
  type Connection,
  Controls,
  type Edge,
  MiniMap,
  type Node,
  type NodeChange,
  ReactFlow,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useState } from 'react';

import { useDesigner, useDesignerState } from '../model/context';
import { ruleProblem } from '../model/store';
import { defaultRelation, relationOps } from '../panels/relation-dialog';
import { categoryAreas } from './areas';
import { EntityNode, type EntityDecoration } from './entity-node';
import { CrowsFootMarkers } from './markers';
import { AreaNode, NoteNode } from './note-node';
import { RelationEdge } from './relation-edge';
import { toGraph } from './to-graph';

/** Changes when a node's size does (not when it is dragged). */
const measuredKey = (local: Record<string, LocalNode>) =>
  Object.entries(local)
    .map(([id, l]) => `${id}:${l.measured?.width}x${l.measured?.height}`)
    .join(',');

interface LocalNode {
  position?: { x: number; y: number };
  measured?: { width: number; height: number };
  dragging?: boolean;
}

/** The field whose row a connection was dragged from, if it was a field's row. */
const draggedField = (c: Connection | Edge) =>
  c.sourceHandle?.startsWith('f:') ? c.sourceHandle.slice(2) : undefined;

/**
 * Past this many nodes the minimap is put away while a node is dragged: it redraws every node
 * on every frame (measured: 40 instead of 60 frames a second at 200 entities).
 */
const BIG = 60;

const minimapColor = (node: Node) => (node.data as { color?: string }).color ?? '#cbd5e1';

const nodeTypes = { entity: EntityNode, note: NoteNode, area: AreaNode };
const edgeTypes = { relation: RelationEdge };

export interface CanvasProps {
  foldJunctions: boolean;
  decorate: (entityId: string, code: string) => EntityDecoration;
  onRelate: (from: string, to: string, fromField?: string) => void;
  onNodesReady?: (nodes: Node[]) => void;
}

export function Canvas({ foldJunctions, decorate, onRelate, onNodesReady }: CanvasProps) {
  const designer = useDesigner();
  const model = useDesignerState((s) => s.model);
  const canEdit = useDesignerState((s) => s.canEdit);
  const selection = useDesignerState((s) => s.selection);
  const graph = useMemo(
    () => (model ? toGraph(model, { foldJunctions }) : null),
    [model, foldJunctions],
  );
  // What React Flow knows and the model does not: sizes, and where a dragged node is now.
  const [local, setLocal] = useState<Record<string, LocalNode>>({});
  const [dragging, setDragging] = useState(false);
  // Nodes as the model and the editor's decorations make them; recomputed when those change,
  // not while a node is dragged, so a drag re-renders the dragged node alone.
  const placed = useMemo<Node[]>(() => {
    if (!graph) return [];
    return [...graph.nodes, ...graph.notes].map((node): Node => ({
      ...node,
      data:
        node.type === 'entity'
          ? { ...node.data, ...decorate(node.id, (node.data as { code: string }).code) }
          : node.data,
      selected: node.id === selection.entity || node.id === selection.note,
    }));
  }, [graph, decorate, selection.entity, selection.note]);
  // Each node object is kept while neither its model nor its local state changed.
  const [cache] = useState(() => new Map<string, { from: Node; here: LocalNode; out: Node }>());
  const nodes = useMemo<Node[]>(
    () =>
      placed.map((node) => {
        const here = local[node.id];
        if (!here) return node;
        const kept = cache.get(node.id);
        if (kept && kept.from === node && kept.here === here) return kept.out;
        const out = {
          ...node,
          // A node being dragged stays under the pointer until the move is saved.
          position: here.dragging && here.position ? here.position : node.position,
          ...(here.measured ? { measured: here.measured } : {}),
          ...(here.dragging ? { dragging: true } : {}),
        };
        cache.set(node.id, { from: node, here, out });
        return out;
      }),
    [placed, local, cache],
  );

  useEffect(() => {
    if (nodes.length) onNodesReady?.(nodes);
  }, [nodes, onNodesReady]);

  const edges = useMemo<Edge[]>(
    () =>
      (graph?.edges ?? []).map((e) => ({
        ...e,
        selected: e.data.relationId === selection.relation,
      })),
    [graph, selection.relation],
  );
  // From the saved positions: the areas follow a drag when it ends, not on every frame.
  const sizes = measuredKey(local);
  const areas = useMemo(
    () =>
      categoryAreas(
        placed
          .filter((n) => n.type === 'entity')
          .map((n) => ({ ...n, measured: local[n.id]?.measured })) as never,
      ),
    // `sizes` stands for the nodes' sizes: a drag changes `local`, not them.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [placed, sizes],
  );

  const onNodesChange = useCallback((changes: NodeChange[]) => {
    setLocal((current) => {
      const next = { ...current };
      for (const change of changes) {
        if (change.type === 'position')
          next[change.id] = {
            ...next[change.id],
            dragging: change.dragging ?? false,
            ...(change.position ? { position: change.position } : {}),
          };
        else if (change.type === 'dimensions' && change.dimensions)
          next[change.id] = { ...next[change.id], measured: change.dimensions };
      }
      return next;
    });
  }, []);

  const isValidConnection = useCallback(
    (connection: Connection | Edge) => {
      if (!model || !connection.source || !connection.target) return false;
      const field = draggedField(connection);
      const form = defaultRelation(model, connection.source, connection.target, field);
      const ops = relationOps(
        model,
        connection.source,
        connection.target,
        form,
        { relation: crypto.randomUUID(), junction: crypto.randomUUID() },
        field,
      );
      return ruleProblem(model, ops) === null;
    },
    [model],
  );

  return (
    <ReactFlow
      nodes={[...(areas as Node[]), ...nodes]}
      edges={edges}
      nodeTypes={nodeTypes}
      edgeTypes={edgeTypes}
      onNodesChange={onNodesChange}
      nodesDraggable={canEdit}
      nodesConnectable={canEdit}
      connectionMode={ConnectionMode.Loose}
      connectionRadius={40}
      isValidConnection={isValidConnection}
      onConnect={(c) => c.source && c.target && onRelate(c.source, c.target, draggedField(c))}
      onNodeClick={(_, node) => {
        if (node.type === 'entity') designer.select({ entity: node.id });
        if (node.type === 'note') designer.select({ note: node.id });
      }}
      onEdgeClick={(_, edge) =>
        designer.select({ relation: (edge.data as { relationId: string }).relationId })
      }
      onPaneClick={() => designer.select({})}
      onNodeDragStart={() => setDragging(true)}
      onNodeDragStop={(_, __, dragged) => {
        setDragging(false);
        const positions = Object.fromEntries(
          dragged
            .filter((n) => n.type === 'entity' || n.type === 'note')
            .map((n) => [n.id, { x: Math.round(n.position.x), y: Math.round(n.position.y) }]),
        );
        if (Object.keys(positions).length)
          designer.queue(dragged.length > 1 ? `move ${dragged.length} items` : 'move', [
            { op: 'layout.move', positions },
          ]);
      }}
      onlyRenderVisibleElements
      minZoom={0.05}
      maxZoom={2}
      deleteKeyCode={null}
      selectionKeyCode={null}
      multiSelectionKeyCode="Shift"
      fitView
      fitViewOptions={{ maxZoom: 1 }}
      proOptions={{ hideAttribution: true }}
    >
      <CrowsFootMarkers />
      <Background gap={24} />
      {dragging && placed.length > BIG ? null : (
        <MiniMap pannable zoomable nodeColor={minimapColor} nodeStrokeWidth={0} />
      )}
      <Controls />
    </ReactFlow>
  );
}
