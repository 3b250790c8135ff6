/**
 * An entity on the canvas: its header (colour of its category; double-click to rename), a row
 * per field with its type and facts, the system fields folded, and an inline "add field" row.
 * Each row that a relation uses has a handle; the header's handle starts a new relation. Zoomed
 * far out, only the header is drawn (the handles stay, for the edges).
 */
import { FIELD_TYPES, type FieldType, newField } from '@tessera/meta';
import { Handle, type NodeProps, Position, useStore } from '@xyflow/react';
import { memo, useState } from 'react';

import { useDesigner, useDesignerState } from '../model/context';
import { ruleProblem } from '../model/store';
import type { EntityNodeData, Row } from './to-graph';

export interface EntityDecoration {
  presence?: string[];
  conflict?: string;
  risk?: 'safe' | 'needs-confirmation' | 'blocked';
  diff?: 'added' | 'changed' | 'renamed';
  rowDiff?: Record<string, 'added' | 'changed' | 'renamed'>;
  rowConflicts?: Record<string, string>;
  /** The plan's risk for fields (by id), where it is not safe. */
  rowRisks?: Record<string, 'safe' | 'needs-confirmation' | 'blocked'>;
  matched?: boolean;
}

export type EntityNodeProps = NodeProps & { data: EntityNodeData & EntityDecoration };

const zoomedOut = (s: { transform: [number, number, number] }) => s.transform[2] < 0.4;

function Facts({ row }: { row: Row }) {
  return (
    <span className="facts">
      {row.kind === 'pk' ? <b title="primary key">PK</b> : null}
      {row.required && row.kind !== 'pk' ? <b title="required">NN</b> : null}
      {row.unique && row.kind !== 'pk' ? <b title="unique">UQ</b> : null}
      {row.indexed ? <b title="indexed">IX</b> : null}
      {row.defaultValue !== undefined ? (
        <i title={`default ${row.defaultValue}`}>= {row.defaultValue}</i>
      ) : null}
    </span>
  );
}

function AddField({ entityId }: { entityId: string }) {
  const designer = useDesigner();
  const [code, setCode] = useState('');
  const [type, setType] = useState<FieldType>('string');
  const [open, setOpen] = useState(false);
  const model = useDesignerState((s) => s.model);
  if (!open)
    return (
      <button className="add-field nodrag" onClick={() => setOpen(true)} type="button">
        + field
      </button>
    );
  const ops = [
    {
      op: 'field.create' as const,
      entity: entityId,
      field: { ...newField(code, type), id: crypto.randomUUID() },
    },
  ];
  const problem = code && model ? ruleProblem(model, ops) : null;
  const commit = () => {
    if (!code || problem) return;
    designer.queue(`add field ${code}`, ops);
    setCode('');
  };
  return (
    <div className="add-field-form nodrag">
      <input
        aria-label="New field code"
        autoFocus
        placeholder="field_code"
        value={code}
        onChange={(e) => setCode(e.target.value)}
        onKeyDown={(e) => {
          e.stopPropagation();
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') setOpen(false);
        }}
      />
      <select
        aria-label="New field type"
        value={type}
        onChange={(e) => setType(e.target.value as FieldType)}
      >
        {FIELD_TYPES.map((t) => (
          <option key={t}>{t}</option>
        ))}
      </select>
      <button type="button" onClick={commit} disabled={!code || Boolean(problem)}>
        Add
      </button>
      {problem ? <div className="problem">{problem}</div> : null}
    </div>
  );
}

function Rename({ data, done }: { data: EntityNodeData; done: () => void }) {
  const designer = useDesigner();
  const model = useDesignerState((s) => s.model);
  const [code, setCode] = useState(data.code);
  const ops = [{ op: 'entity.update' as const, id: data.entityId, changes: { code } }];
  const problem = model && code !== data.code ? ruleProblem(model, ops) : null;
  return (
    <div className="rename nodrag">
      <input
        aria-label="Entity code"
        autoFocus
        value={code}
        onChange={(e) => setCode(e.target.value)}
        onBlur={done}
        onKeyDown={(e) => {
          e.stopPropagation();
          if (e.key === 'Escape') done();
          if (e.key === 'Enter' && !problem) {
            if (code !== data.code) designer.queue(`rename ${data.code} to ${code}`, ops);
            done();
          }
        }}
      />
      {problem ? <div className="problem">{problem}</div> : null}
    </div>
  );
}

export const EntityNode = memo(function EntityNode({ data, selected }: EntityNodeProps) {
  const designer = useDesigner();
  const far = useStore(zoomedOut);
  const canEdit = useDesignerState((s) => s.canEdit);
  const selectedField = useDesignerState((s) => s.selection.field);
  const [showSystem, setShowSystem] = useState(false);
  const [renaming, setRenaming] = useState(false);
  const className = [
    'entity',
    selected ? 'selected' : '',
    data.junction ? 'junction' : '',
    data.diff ? `diff-${data.diff}` : '',
    data.conflict ? 'has-conflict' : '',
    data.matched ? 'matched' : '',
  ].join(' ');
  const rows = far ? [] : data.rows;
  return (
    <div className={className} data-entity={data.code}>
      <header style={{ background: data.color }} onDoubleClick={() => canEdit && setRenaming(true)}>
        <Handle type="target" position={Position.Left} id="pk" className="handle pk-in" />
        {renaming ? (
          <Rename data={data} done={() => setRenaming(false)} />
        ) : (
          <span className="code">{data.code}</span>
        )}
        {data.name && !renaming ? <span className="name">{data.name}</span> : null}
        {data.ejected ? (
          <span className="ejected" title="Served by the project's ejected service">
            ejected
          </span>
        ) : null}
        {data.risk && data.risk !== 'safe' ? (
          <span className={`risk risk-${data.risk}`} title={`Publishing: ${data.risk}`}>
            {data.risk === 'blocked' ? 'blocked' : 'confirm'}
          </span>
        ) : null}
        {data.presence?.length ? (
          <span className="presence" title={`Selected by ${data.presence.join(', ')}`}>
            {data.presence.map((n) => n.slice(0, 1).toUpperCase()).join('')}
          </span>
        ) : null}
        <Handle
          type="source"
          position={Position.Right}
          id="new"
          className="handle new-relation"
          title="Drag to another entity to relate them"
        />
        <Handle type="source" position={Position.Right} id="pk-out" className="handle hidden" />
      </header>
      {data.conflict ? <div className="conflict-banner">{data.conflict}</div> : null}
      {far ? (
        <div className="summary">
          {data.rows.length} columns
          {data.rows.map((r) =>
            r.kind === 'fk' ? (
              <Handle
                key={r.key}
                type="source"
                position={Position.Right}
                id={r.key}
                className="handle hidden"
              />
            ) : null,
          )}
        </div>
      ) : (
        <ul className="rows">
          {rows.map((row) => (
            <li
              key={row.key}
              className={[
                'row',
                row.kind,
                row.fieldId && row.fieldId === selectedField ? 'selected' : '',
                data.rowDiff?.[row.code] ? `diff-${data.rowDiff[row.code]}` : '',
                data.rowConflicts?.[row.key] ? 'has-conflict' : '',
                row.fieldId && data.rowRisks?.[row.fieldId]
                  ? `risk-${data.rowRisks[row.fieldId]}`
                  : '',
              ].join(' ')}
              data-field={row.code}
              title={data.rowConflicts?.[row.key]}
              onClick={(e) => {
                if (!row.fieldId && !row.relationId) return;
                e.stopPropagation();
                designer.select(
                  row.fieldId
                    ? { entity: data.entityId, field: row.fieldId }
                    : { relation: row.relationId },
                );
              }}
            >
              <span className="field-code">{row.code}</span>
              <span className="field-type">{row.type}</span>
              <Facts row={row} />
              {row.kind === 'fk' ? (
                <Handle
                  type="source"
                  position={Position.Right}
                  id={row.key}
                  className="handle fk"
                />
              ) : null}
            </li>
          ))}
          {data.systemRows.length ? (
            <li className="row system-toggle">
              <button type="button" className="nodrag" onClick={() => setShowSystem(!showSystem)}>
                {showSystem ? '▾' : '▸'} {data.systemRows.length} system fields
              </button>
            </li>
          ) : null}
          {showSystem
            ? data.systemRows.map((row) => (
                <li key={row.key} className="row system">
                  <span className="field-code">{row.code}</span>
                  <span className="field-type">{row.type}</span>
                </li>
              ))
            : null}
          {canEdit ? (
            <li className="row">
              <AddField entityId={data.entityId} />
            </li>
          ) : null}
        </ul>
      )}
    </div>
  );
});
