/**
 * Loads Prisma's schema engine compiled to WebAssembly and binds it to a PostgreSQL connection
 * through the pg driver adapter. This replaces the native engine that the Prisma CLI would
 * download, so migrations work offline. It is an internal Prisma API: the package versions are
 * pinned exactly and `migrate.integration.test.ts` covers the behaviour we rely on.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } from '@prisma/driver-adapter-utils';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';
import * as bindings from '@prisma/schema-engine-wasm/schema_engine_bg';

import { schemaPath } from '../paths';

// The ES and Node type libraries declare WebAssembly only partly; this is the one call we use.
const wasmApi = (
  globalThis as unknown as {
    WebAssembly: {
      instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: object } }>;
    };
  }
).WebAssembly;

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
    connectToShadowDb: () => connectToShadowDb(databaseUrl, track),
  });
  function track<A extends { dispose: () => Promise<void> }>(adapter: A): A {
    opened.push(adapter);
    readCharAsText(adapter);
    runScriptWhole(adapter);
    return adapter;
  }
  const adapter = bindMigrationAwareSqlAdapterFactory(tracked);
  const engine = await bindings.SchemaEngine.new(
    { datamodels: [[schemaPath, content]] },
    (line: string) => onLog?.(line),
    adapter,
  );
  try {
    return await fn(engine, { path: schemaPath, content });
  } finally {
    engine.free();
    await Promise.allSettled(opened.map((a) => a.dispose()));
  }
}

/**
 * The pg adapter splits a migration script on every `;`, which breaks function bodies and any
 * quoted semicolon. The native engine sends the script as one batch; so does this, through the
 * simple query protocol, which also runs it as one implicit transaction.
 */
function runScriptWhole(adapter: object) {
  const target = adapter as {
    executeScript?: (script: string) => Promise<void>;
    underlyingDriver?: () => { query: (sql: string) => Promise<unknown> };
  };
  const driver = target.underlyingDriver?.();
  if (!target.executeScript || !driver) return;
  target.executeScript = async (script) => {
    await driver.query(script);
  };
}

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

/**
 * The engine's catalogue queries return PostgreSQL's one-byte `"char"` columns (relkind,
 * contype, ...), which the pg adapter refuses to map. They are read as text and reported to the
 * engine as the Character column type it expects. Needed to describe a database, e.g. when
 * diffing against the migrations.
 */
function readCharAsText(adapter: object) {
  type Io = { fields: { dataTypeID: number }[] };
  type Raw = { columnTypes: number[] };
  const target = adapter as {
    performIO?: (query: unknown) => Promise<Io>;
    queryRaw?: (query: unknown) => Promise<Raw>;
  };
  const performIO = target.performIO?.bind(adapter);
  const queryRaw = target.queryRaw?.bind(adapter);
  if (!performIO || !queryRaw) return;
  const charColumns = new WeakMap<object, number[]>();
  target.performIO = async (query) => {
    const result = await performIO(query);
    const columns: number[] = [];
    result.fields.forEach((field, index) => {
      if (field.dataTypeID === PG_CHAR_OID) {
        field.dataTypeID = PG_TEXT_OID;
        columns.push(index);
      }
    });
    if (typeof query === 'object' && query) charColumns.set(query, columns);
    return result;
  };
  target.queryRaw = async (query) => {
    const result = await queryRaw(query);
    const columns = (typeof query === 'object' && query && charColumns.get(query)) || [];
    for (const index of columns) result.columnTypes[index] = ColumnTypeEnum.Character;
    return result;
  };
}

/**
 * A throwaway database beside `databaseUrl` for replaying migrations. The adapter's own version
 * passes `database` alongside a connection string, which pg ignores, so the "shadow" would be
 * the real database; this one names the database in the URL itself.
 */
async function connectToShadowDb<A extends { dispose: () => Promise<void> }>(
  databaseUrl: string,
  track: <T extends { dispose: () => Promise<void> }>(adapter: T) => T,
): Promise<A> {
  const main = await new PrismaPg({ connectionString: databaseUrl, max: 1 }).connect();
  const name = `prisma_migrate_shadow_db_${randomUUID().replace(/-/g, '')}`;
  await main.executeScript(`CREATE DATABASE "${name}"`);
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  const shadow = await new PrismaPg({ connectionString: url.toString(), max: 1 }).connect();
  const disposeShadow = shadow.dispose.bind(shadow);
  let disposed = false;
  shadow.dispose = async () => {
    if (disposed) return;
    disposed = true;
    await disposeShadow();
    await main.executeScript(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await main.dispose();
  };
  return track(shadow) as unknown as A;
}
