/**
 * Loads Prisma's schema engine compiled to WebAssembly and binds it to a PostgreSQL connection
 * through the pg driver adapter. This replaces the native engine that the Prisma CLI would
 * download, so migrations work offline. It is an internal Prisma API: the package versions are
 * pinned exactly and `migrate.integration.test.ts` covers the behaviour we rely on.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';
import * as bindings from '@prisma/schema-engine-wasm/schema_engine_bg';

import { schemaPath } from '../paths';

// The ES and Node type libraries declare WebAssembly only partly; this is the one call we use.
const wasmApi = (globalThis as unknown as {
  WebAssembly: { instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: object } }> };
}).WebAssembly;

let instantiated: Promise<void> | undefined;

function instantiate(): Promise<void> {
  instantiated ??= (async () => {
    const require = createRequire(import.meta.url);
    const packageDir = path.dirname(require.resolve('@prisma/schema-engine-wasm'));
    const bytes = await readFile(path.join(packageDir, 'schema_engine_bg.wasm'));
    const { instance } = await wasmApi.instantiate(bytes, { './schema_engine_bg.js': bindings });
    const exports = instance.exports as { __wbindgen_start: () => void };
    bindings.__wbg_set_wasm(exports);
    exports.__wbindgen_start();
  })();
  return instantiated;
}

export type { SchemaEngine };

export interface SchemaEngineOptions {
  databaseUrl: string;
  /** Receives the engine's log lines (JSON strings). Silent by default. */
  onLog?: (line: string) => void;
}

/** Runs `fn` with a schema engine connected to `databaseUrl`, and always releases it. */
export async function withSchemaEngine<T>(
  { databaseUrl, onLog }: SchemaEngineOptions,
  fn: (engine: SchemaEngine, datamodel: { path: string; content: string }) => Promise<T>,
): Promise<T> {
  await instantiate();
  const content = await readFile(schemaPath, 'utf8');
  // The engine does not close its connections when freed, and one of them holds the migration
  // advisory lock; track what it opens and dispose of it ourselves.
  const factory = new PrismaPg({ connectionString: databaseUrl, max: 2 });
  const opened: { dispose: () => Promise<void> }[] = [];
  const tracked = Object.assign(Object.create(factory) as PrismaPg, {
    connect: async () => track(await factory.connect()),
    connectToShadowDb: async () => track(await factory.connectToShadowDb()),
  });
  function track<A extends { dispose: () => Promise<void> }>(adapter: A): A {
    opened.push(adapter);
    return adapter;
  }
  const adapter = bindMigrationAwareSqlAdapterFactory(tracked);
  const engine = (await bindings.SchemaEngine.new(
    { datamodels: [[schemaPath, content]] },
    (line: string) => onLog?.(line),
    adapter,
  )) as SchemaEngine;
  try {
    return await fn(engine, { path: schemaPath, content });
  } finally {
    engine.free();
    await Promise.allSettled(opened.map((a) => a.dispose()));
  }
}
