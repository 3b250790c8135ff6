'use client';
/**
 * A Handlebars template in a code editor: the language of the file it writes highlighted
 * (TypeScript, JSON) and the template's `{{…}}` marked over it.
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
import { useCodeEditor } from '~/components/ui/use-code-editor';

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
}: {
  name: string;
  value: string;
  onChange?: (text: string) => void;
}) {
  const host = useCodeEditor({
    value,
    onChange,
    key: name,
    extensions: () => [
      basicSetup,
      languageOf(name),
      mustacheMarks,
      EditorView.contentAttributes.of({ 'aria-label': `Template ${name}` }),
    ],
  });
  return <div ref={host} className="json-editor" />;
}
