/**
 * The entity/relation designer. Until it reads the metadata API, it shows the canvas with a
 * sample of what a model looks like, and links back to the console.
 */
import { Background, Controls, type Edge, MiniMap, type Node, ReactFlow } from '@xyflow/react';

import { sampleModel } from './sample-model';

declare const __CONSOLE_URL__: string;

export function App() {
  const { nodes, edges }: { nodes: Node[]; edges: Edge[] } = sampleModel();
  return (
    <div
      style={{
        height: '100vh',
        display: 'flex',
        flexDirection: 'column',
        fontFamily: 'system-ui, sans-serif',
      }}
    >
      <header
        style={{
          padding: '10px 16px',
          borderBottom: '1px solid #e2e8f0',
          display: 'flex',
          justifyContent: 'space-between',
        }}
      >
        <strong>Tessera designer</strong>
        <span style={{ color: '#64748b', fontSize: 14 }}>
          Preview: editing arrives with the metadata model.{' '}
          <a href={__CONSOLE_URL__}>Open the console</a>
        </span>
      </header>
      <div style={{ flex: 1 }}>
        <ReactFlow nodes={nodes} edges={edges} fitView>
          <Background />
          <MiniMap />
          <Controls />
        </ReactFlow>
      </div>
    </div>
  );
}
