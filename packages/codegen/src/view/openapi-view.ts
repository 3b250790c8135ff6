/**
 * The ejected service's OpenAPI document, written by the platform's own generator so both
 * describe the API alike: the whole document (as a caller who may do everything sees it), and
 * which action each operation needs, found by generating it once per action. The service
 * narrows the document to each caller's grants when serving it.
 */
import type { ModelDocument } from '@tessera/meta';
import { openApiDocument, openApiName, type SchemaOverview } from '@tessera/runtime-core';

const ACTIONS = ['read', 'create', 'update', 'delete'] as const;

type Paths = Record<string, Record<string, unknown>>;

function documentFor(doc: ModelDocument, version: number, permissions: string[]) {
  const overview: SchemaOverview = {
    models: new Map([[doc.project, { project: doc.project, version, document: doc }]]),
    grants: new Map(),
    settings: new Map(),
    loadedAt: new Date(0),
  };
  return openApiDocument({
    overview,
    caller: {
      userId: '00000000-0000-4000-8000-000000000000',
      roles: [],
      permissions: new Set(permissions),
    },
    project: doc.project,
    serverUrl: '/',
  }) as { paths: Paths } & Record<string, unknown>;
}

export function openApiView(doc: ModelDocument, version: number) {
  const full = documentFor(
    doc,
    version,
    ACTIONS.map((a) => `data:${a}`),
  );
  const operations: Record<string, Record<string, string>> = {};
  for (const action of ACTIONS) {
    const only = documentFor(doc, version, [`data:${action}`]);
    for (const [path, methods] of Object.entries(only.paths)) {
      for (const method of Object.keys(methods)) {
        if (method === 'parameters') continue;
        (operations[path] ??= {})[method] ??= action;
      }
    }
  }
  const schemas = Object.fromEntries(doc.entities.map((e) => [e.code, openApiName(e.code)]));
  return { document: full, operations, schemas };
}
