/** A note on the diagram: its text edited in place, saved when the modeler leaves it. */
import type { NodeProps } from '@xyflow/react';
import { memo, useState } from 'react';

import { useDesigner, useDesignerState } from '../model/context';

export interface NoteData {
  [key: string]: unknown;
  noteId: string;
  text: string;
  color?: string;
}

export const NoteNode = memo(function NoteNode({ data, selected }: NodeProps & { data: NoteData }) {
  const designer = useDesigner();
  const canEdit = useDesignerState((s) => s.canEdit);
  const [text, setText] = useState(data.text);
  const [shown, setShown] = useState(data.text);
  if (shown !== data.text) {
    setShown(data.text);
    setText(data.text);
  }
  return (
    <div
      className={`note ${selected ? 'selected' : ''}`}
      style={{ background: data.color ?? '#fef9c3' }}
    >
      <textarea
        className="nodrag"
        aria-label="Note"
        value={text}
        readOnly={!canEdit}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => e.stopPropagation()}
        onBlur={() => {
          if (text !== data.text)
            designer.queue('edit note', [
              { op: 'note.update', id: data.noteId, changes: { text } },
            ]);
        }}
      />
    </div>
  );
});

/** The area behind the entities of one category: drawn, not saved. */
export const AreaNode = memo(function AreaNode({
  data,
}: NodeProps & { data: { label: string; color: string; width: number; height: number } }) {
  return (
    <div
      className="area"
      style={{ width: data.width, height: data.height, borderColor: data.color, color: data.color }}
    >
      {data.label}
    </div>
  );
});
