/**
 * The API's description: GET /api/v1/{project}/openapi.json (OpenAPI 3.1, generated live from
 * the published model and shaped by the caller's permissions) and GET /docs[/{project}], which
 * renders it with Swagger UI served from this process (nothing is fetched from elsewhere);
 * GET /api/v1/{project}/types.ts, the same model as TypeScript types and zod schemas.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

import { AppError } from '@tessera/errors';
import {
  accessKey,
  type Caller,
  DATA_ACTIONS,
  entityAccess,
  formattedTypesModule,
  openApiDocument,
  type SchemaOverview,
} from '@tessera/runtime-core';

import type { RouteDeps } from '../server';
import { admit, callerOf } from './admit';
import { send, toHeaders } from './io';

export const OPENAPI_ROUTE = /^\/api\/v1\/([a-z][a-z0-9_]{1,39})\/openapi\.json$/;
export const TYPES_ROUTE = /^\/api\/v1\/([a-z][a-z0-9_]{1,39})\/types\.ts$/;
export const DOCS_ROUTE = /^\/docs(?:\/([a-z][a-z0-9_]{1,39}))?\/?$/;
export const DOCS_ASSET_ROUTE = /^\/docs\/assets\/(swagger-ui\.css|swagger-ui-bundle\.js)$/;

const assetsDir = path.dirname(
  createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'),
);
const ASSET_TYPES: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
};

export async function openApiRoute(
  deps: RouteDeps,
  req: IncomingMessage,
  res: ServerResponse,
  project: string,
): Promise<void> {
  const admitted = await admit(deps, req, res, project);
  const host = req.headers.host ?? 'localhost';
  const document = openApiDocument({
    overview: deps.metadata(),
    caller: admitted.caller,
    project,
    serverUrl: `http://${host}`,
  });
  if (!document) throw new AppError('NOT_FOUND', `No project '${project}'`);
  send(res, 200, document);
}

/** Formatting the module takes tens of milliseconds: it is kept per model load and access. */
const typesCache = new Map<string, Promise<string | null>>();
const TYPES_CACHE_SIZE = 200;

function cachedTypes(overview: SchemaOverview, caller: Caller, project: string) {
  const key = [
    overview.loadedAt.getTime(),
    project,
    ...DATA_ACTIONS.map((action) => accessKey(caller, action)),
  ].join('|');
  let text = typesCache.get(key);
  if (!text) {
    text = formattedTypesModule({ overview, caller, project });
    typesCache.set(key, text);
    text.catch(() => typesCache.delete(key));
    if (typesCache.size > TYPES_CACHE_SIZE) typesCache.delete(typesCache.keys().next().value!);
  }
  return text;
}

/**
 * GET /api/v1/{project}/types.ts: TypeScript (types and zod schemas) for what the caller may
 * use of the project, as `tessera types` writes it.
 */
export async function typesRoute(
  deps: RouteDeps,
  req: IncomingMessage,
  res: ServerResponse,
  project: string,
): Promise<void> {
  const admitted = await admit(deps, req, res, project);
  const text = await cachedTypes(deps.metadata(), admitted.caller, project);
  if (text === null) throw new AppError('NOT_FOUND', `No project '${project}'`);
  const body = Buffer.from(text);
  res.writeHead(200, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': body.length,
    'content-disposition': `inline; filename="${project}.types.ts"`,
    'cache-control': 'no-store',
  });
  res.end(body);
}

export async function docsAssetRoute(res: ServerResponse, name: string): Promise<void> {
  const body = await readFile(path.join(assetsDir, name));
  res.writeHead(200, {
    'content-type': ASSET_TYPES[name]!,
    'content-length': body.length,
    'cache-control': 'public, max-age=86400',
  });
  res.end(body);
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The projects whose data `caller` may use somewhere: the only ones /docs names to it. */
function usableProjects(overview: SchemaOverview, caller: Caller): string[] {
  return [...overview.models.values()]
    .filter((m) =>
      m.document.entities.some((e) =>
        DATA_ACTIONS.some(
          (action) => entityAccess(overview, caller, m.project, e.code, action) !== null,
        ),
      ),
    )
    .map((m) => m.project)
    .sort();
}

export async function docsRoute(
  deps: RouteDeps,
  req: IncomingMessage,
  res: ServerResponse,
  project: string | undefined,
) {
  // Anonymous callers are told to sign in; nobody is shown a project it cannot use.
  const principal = project ? null : await deps.authenticate(toHeaders(req));
  const projects = principal ? usableProjects(deps.metadata(), callerOf(principal)) : [];
  const chosen = project ?? (projects.length === 1 ? projects[0] : undefined);
  const html = chosen
    ? `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(chosen)} · Tessera API</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head><body><div id="ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script>SwaggerUIBundle({ url: ${JSON.stringify(`/api/v1/${chosen}/openapi.json`)}, dom_id: '#ui', withCredentials: true, deepLinking: true });</script>
</body></html>`
    : `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Tessera API</title></head>
<body style="font-family: system-ui; margin: 2rem"><h1>Tessera API</h1>${
        projects.length
          ? `<p>Choose a project:</p><ul>${projects.map((p) => `<li><a href="/docs/${escape(p)}">${escape(p)}</a></li>`).join('')}</ul>`
          : principal
            ? '<p>No project whose data you may use is published.</p>'
            : '<p>Sign in to the console (or send a bearer token) to see the projects you may use.</p>'
      }</body></html>`;
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
}
