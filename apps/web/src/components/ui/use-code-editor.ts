'use client';
/**
 * A CodeMirror editor in a div: made once per `key` with the given extensions, told of the
 * user's edits, and set to a new `value` from props without that counting as an edit.
 */
import { Annotation, type Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { useEffect, useRef } from 'react';

/** Marks the text set from props, which is not the user's edit. */
const fromProps = Annotation.define<boolean>();

export function useCodeEditor({
  value,
  onChange,
  extensions,
  key,
}: {
  value: string;
  onChange?: (text: string) => void;
  extensions: () => Extension[];
  /** The editor is made again when this changes. */
  key: string;
}) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const latest = useRef(onChange);
  useEffect(() => {
    latest.current = onChange;
  }, [onChange]);

  useEffect(() => {
    if (!host.current) return;
    view.current = new EditorView({
      parent: host.current,
      doc: value,
      extensions: [
        ...extensions(),
        EditorView.updateListener.of((update) => {
          if (update.docChanged && !update.transactions.some((tr) => tr.annotation(fromProps)))
            latest.current?.(update.state.doc.toString());
        }),
        EditorView.theme({ '&': { height: '100%' }, '.cm-scroller': { overflow: 'auto' } }),
      ],
    });
    return () => view.current?.destroy();
    // The editor owns its text once made; a new `value` is pushed below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  useEffect(() => {
    const current = view.current;
    if (current && current.state.doc.toString() !== value)
      current.dispatch({
        changes: { from: 0, to: current.state.doc.length, insert: value },
        annotations: fromProps.of(true),
      });
  }, [value]);

  return host;
}
