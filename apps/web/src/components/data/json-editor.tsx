'use client';
/** A JSON code editor (CodeMirror): syntax highlighting, folding, and JSON syntax errors inline. */
import { json, jsonParseLinter } from '@codemirror/lang-json';
import { linter, lintGutter } from '@codemirror/lint';
import { EditorView } from '@codemirror/view';
import { basicSetup } from 'codemirror';

import { useCodeEditor } from '~/components/ui/use-code-editor';

export function JsonEditor({
  value,
  onChange,
  label,
}: {
  value: string;
  onChange: (text: string) => void;
  label: string;
}) {
  const host = useCodeEditor({
    value,
    onChange,
    key: label,
    extensions: () => [
      basicSetup,
      json(),
      linter(jsonParseLinter()),
      lintGutter(),
      EditorView.contentAttributes.of({ 'aria-label': label }),
    ],
  });
  return <div ref={host} className="json-editor" />;
}
