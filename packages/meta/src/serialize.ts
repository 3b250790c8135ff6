/** Reading and writing model documents as YAML or JSON, with stable key order. */
import { parse as parseYaml, stringify as stringifyYaml, YAMLParseError } from 'yaml';

import { type ModelDocument, type ModelDocumentInput, ZModelDocument } from './document';
import { utf8Length } from './hash';
import { duplicateJsonKey } from './json-keys';
import { patternProblem } from './patterns';

export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

export interface DocumentIssue {
  path: string;
  message: string;
}

export type ParseResult =
  { ok: true; document: ModelDocument } | { ok: false; issues: DocumentIssue[] };

/**
 * Validates a model document. Patterns must run in linear time (RE2 syntax) in what is written;
 * a stored document (`stored`, published or saved before that rule) still loads with one that
 * does not, whose field then accepts no value until it is changed (patterns.ts matches nothing).
 */
export function validateDocument(input: unknown, options: { stored?: boolean } = {}): ParseResult {
  const parsed = ZModelDocument.safeParse(input);
  if (!parsed.success)
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    };
  const issues = options.stored ? [] : patternIssues(parsed.data);
  return issues.length ? { ok: false, issues } : { ok: true, document: parsed.data };
}

/** The patterns of `doc` that cannot run in linear time, by their place in the document. */
function patternIssues(doc: ModelDocument): DocumentIssue[] {
  return doc.entities.flatMap((entity, e) =>
    entity.fields.flatMap((field, f) => {
      const pattern = field.validation?.pattern;
      const problem = pattern === undefined ? null : patternProblem(pattern);
      return problem
        ? [
            {
              path: `entities.${e}.fields.${f}.validation.pattern`,
              message: `${entity.code}.${field.code}: ${problem}`,
            },
          ]
        : [];
    }),
  );
}

/** Parses YAML (a superset of JSON) and validates it as a model document. */
export function parseDocument(text: string): ParseResult {
  if (utf8Length(text) > MAX_DOCUMENT_BYTES) {
    return {
      ok: false,
      issues: [
        { path: '', message: `The document exceeds ${MAX_DOCUMENT_BYTES / 1024 / 1024} MiB` },
      ],
    };
  }
  let data: unknown;
  // JSON is YAML too, but JSON.parse reads it a hundred times faster; YAML's parser still
  // reports a broken one, with its line.
  if (/^\s*\{/.test(text)) {
    try {
      data = JSON.parse(text);
    } catch {
      // not JSON after all
    }
    const duplicate = data === undefined ? null : duplicateJsonKey(text);
    if (duplicate !== null)
      return {
        ok: false,
        issues: [
          {
            path: '',
            message: `Map keys must be unique: "${duplicate.slice(0, 60)}" appears twice`,
          },
        ],
      };
    if (data !== undefined) return validateDocument(data);
  }
  try {
    data = parseYaml(text, { maxAliasCount: 50, uniqueKeys: true, prettyErrors: true });
  } catch (error) {
    const message =
      error instanceof YAMLParseError
        ? error.message.split('\n')[0]!
        : 'The document is not valid YAML or JSON';
    const line = error instanceof YAMLParseError ? error.linePos?.[0]?.line : undefined;
    return { ok: false, issues: [{ path: line ? `line ${line}` : '', message }] };
  }
  return validateDocument(data);
}

const ENTITY_KEYS = [
  'id',
  'code',
  'name',
  'description',
  'category',
  'position',
  'softDelete',
  'systemFields',
  'mode',
  'renamedFrom',
  'fields',
];
const FIELD_KEYS = [
  'id',
  'code',
  'name',
  'description',
  'type',
  'length',
  'precision',
  'scale',
  'options',
  'expression',
  'resultType',
  'required',
  'unique',
  'indexed',
  'default',
  'order',
  'validation',
  'renamedFrom',
];
const RELATION_KEYS = [
  'id',
  'code',
  'type',
  'from',
  'to',
  'field',
  'inverse',
  'required',
  'onDelete',
  'through',
  'renamedFrom',
];

const NOTE_KEYS = ['id', 'text', 'position', 'color'];

function ordered<T extends object>(value: T, keys: string[]): T {
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  for (const key of Object.keys(source).sort())
    if (!(key in out) && source[key] !== undefined) out[key] = source[key];
  return out as T;
}

/** A canonical copy: keys in a fixed order, so equal models serialise identically. */
export function canonicalDocument(doc: ModelDocument | ModelDocumentInput): ModelDocument {
  return {
    project: doc.project,
    ...(doc.name !== undefined ? { name: doc.name } : {}),
    ...(doc.description !== undefined ? { description: doc.description } : {}),
    ...(doc.service ? { service: { url: doc.service.url } } : {}),
    entities: (doc.entities ?? []).map((e) => ({
      ...ordered(e, ENTITY_KEYS),
      fields: (e.fields ?? []).map((f) => ordered(f, FIELD_KEYS)),
    })),
    relations: (doc.relations ?? []).map((r) => ordered(r, RELATION_KEYS)),
    ...(doc.notes?.length ? { notes: doc.notes.map((n) => ordered(n, NOTE_KEYS)) } : {}),
  } as ModelDocument;
}

export function serializeDocument(doc: ModelDocument, format: 'yaml' | 'json'): string {
  const canonical = canonicalDocument(doc);
  return format === 'json'
    ? `${JSON.stringify(canonical, null, 2)}\n`
    : stringifyYaml(canonical, { lineWidth: 0 });
}
