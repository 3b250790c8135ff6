/** The side panel's building blocks: labelled inputs that commit, and checked edits. */
import type { ModelOp } from '@tessera/meta';
import { type ReactNode, useState } from 'react';

import { useDesigner, useDesignerState } from '../../model/context';
import { ruleProblem } from '../../model/store';

export function Labelled({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="prop">
      <span>{label}</span>
      {children}
    </label>
  );
}

/** A text input that commits on Enter or blur. */
export function TextProp(props: {
  label: string;
  value: string;
  disabled?: boolean;
  onDraft?: (text: string) => void;
  onCommit: (text: string) => void;
}) {
  const [text, setText] = useState(props.value);
  // Saved elsewhere (another modeler, undo): show the new value.
  const [shown, setShown] = useState(props.value);
  if (shown !== props.value) {
    setShown(props.value);
    setText(props.value);
  }
  const commit = () => text !== props.value && props.onCommit(text);
  return (
    <Labelled label={props.label}>
      <input
        aria-label={props.label}
        value={text}
        disabled={props.disabled}
        onChange={(e) => {
          setText(e.target.value);
          props.onDraft?.(e.target.value);
        }}
        onBlur={commit}
        onKeyDown={(e) => {
          e.stopPropagation();
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') setText(props.value);
        }}
      />
    </Labelled>
  );
}

export const numberOrNull = (text: string) => (text.trim() === '' ? null : Number(text));

export function useEdit() {
  const designer = useDesigner();
  const model = useDesignerState((s) => s.model);
  const [problem, setProblem] = useState<string | null>(null);
  return {
    problem,
    /** Checks `ops` as they would be saved; shows the problem while typing. */
    check: (ops: ModelOp[]) => setProblem(model ? ruleProblem(model, ops) : null),
    commit: (label: string, ops: ModelOp[]) => setProblem(designer.queue(label, ops)),
  };
}
