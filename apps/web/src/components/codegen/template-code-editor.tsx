'use client';
/**
 * A Handlebars template in a code editor: the language of the file it writes highlighted
 * (TypeScript, JSON), the template's `{{…}}` marked over it, and an error's line shown.
 */
import { javascript } from '@codemirror/lang-javascript';
import { json } from '@codemirror/lang-json';
import type { Extension } from '@codemirror/state';
import {
  Decoration,
  EditorView,
  MatchDecorator,
  ViewPlugin,
  type ViewUpdate,
} from '@codemirror/view';
import { basicSetup } from 'codemirror';
import { useEffect, useRef } from 'react';

const mustaches = new MatchDecorator({
  regexp: /\{\{[^}]*\}\}\}?/g,
  decoration: Decoration.mark({ class: 'cm-mustache' }),
});

const mustacheMarks = ViewPlugin.fromClass(
  class {
    decorations;
    constructor(view: EditorView) {
      this.decorations = mustaches.createDeco(view);
    }
    update(update: ViewUpdate) {
      this.decorations = mustaches.updateDeco(update, this.decorations);
    }
  },
  { decorations: (plugin) => plugin.decorations },
);

/** The language of what the template writes, from its name (`…/service.ts` → TypeScript). */
function languageOf(name: string): Extension {
  if (/\.(ts|mts|cts)$/.test(name)) return javascript({ typescript: true });
  if (/\.(js|mjs|cjs)$/.test(name)) return javascript();
  if (name.endsWith('.json')) return json();
  return [];
}

export function TemplateCodeEditor({
  name,
  value,
  onChange,
  readOnly = false,
}: {
  name: string;
  value: string;
  onChange?: (text: string) => void;
  readOnly?: boolean;
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
        basicSetup,
        languageOf(name),
        mustacheMarks,
        EditorView.editable.of(!readOnly),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) latest.current?.(update.state.doc.toString());
        }),
        EditorView.contentAttributes.of({ 'aria-label': `Template ${name}` }),
        EditorView.theme({ '&': { height: '100%' }, '.cm-scroller': { overflow: 'auto' } }),
      ],
    });
    return () => view.current?.destroy();
    // The editor owns its text once mounted; a new `value` is pushed below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [name, readOnly]);

  useEffect(() => {
    const current = view.current;
    if (current && current.state.doc.toString() !== value)
      current.dispatch({ changes: { from: 0, to: current.state.doc.length, insert: value } });
  }, [value]);

  return <div ref={host} className="json-editor" />;
}
