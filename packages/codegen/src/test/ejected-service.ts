/**
 * An ejected service for integration tests: the model ejected into a temporary folder,
 * installed, built, migrated onto an empty database of its own, and started on a free port,
 * beside a platform database holding the callers and their roles. Built once per test file.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { createSession } from '@tessera/auth';
import { RESTRICTED_GRANTS } from '@tessera/contract';
import {
  adminQuery,
  createTestDatabase,
  createUserWithGrants,
  type TestDatabase,
  withDatabase,
} from '@tessera/db/testing';
import {
  assignIds,
  type ModelDocument,
  type Plan,
  planChanges,
  publish,
  validateDocument,
  withJunctionEntities,
} from '@tessera/meta';
import pg from 'pg';
import { inject } from 'vitest';

import { buildProject, projectScript, startProject, writeProject } from '../build/ejected-project';
import { eject } from '../eject';
import { writeFiles } from '../write-files';
import { startDbProxy } from './db-proxy';

const run = promisify(execFile);

export interface EjectedService {
  dir: string;
  base: string;
  platform: TestDatabase;
  dataUrl: string;
  adminToken: string;
  viewerToken: string;
  outsiderToken: string;
  /** Holds the contract's RESTRICTED_GRANTS. */
  restrictedToken: string;
  /** Sets the platform's rate limit and waits until the service applies it. */
  setRateLimit: (perMinute: number) => Promise<void>;
  /** Cuts the service off its data database until the returned function is called. */
  holdDatabase: () => Promise<() => Promise<void>>;
  /** Runs one of the service's package scripts, as its README says. */
  script: (
    name: string,
    env?: Record<string, string>,
  ) => Promise<{ stdout: string; stderr: string }>;
  stop: () => Promise<void>;
}

export interface EjectedOptions {
  /**
   * Serve the tables the platform published in this database (one database for both, as when
   * the service runs beside the platform's runtime); callers are the platform's own. Otherwise
   * the service migrates an empty database of its own beside a new platform database.
   */
  onPlatform?: TestDatabase;
  /**
   * Build from a fresh clone of the output (committed to git first), and check it as its README
   * says: typecheck, lint, format, and its own `pnpm test`.
   */
  freshClone?: boolean;
  /**
   * Eject `model` first, let `edit` change the output as a developer would, then regenerate it
   * with the model under test, as `tessera eject` does over an earlier ejection (refused if the
   * regeneration leaves conflicts: the service must build and pass as it is).
   */
  regeneratedFrom?: { model: unknown; edit: (dir: string) => Promise<void> };
}

export async function startEjectedService(
  model: unknown,
  options: EjectedOptions = {},
): Promise<EjectedService> {
  const parsed = validateDocument(model);
  if (!parsed.ok) throw new Error(`invalid model: ${JSON.stringify(parsed.issues)}`);
  // Regenerated: the earlier model was version 1 and this one is version 2, its ids carried over
  // as a publish of it would (so the migration between them renames, adds and drops).
  const earlierDoc = options.regeneratedFrom
    ? assignIds(withJunctionEntities(earlierDocument(options.regeneratedFrom.model)), null)
    : null;
  const doc: ModelDocument = assignIds(withJunctionEntities(parsed.document), earlierDoc);
  const version = earlierDoc ? 2 : 1;
  const { adminUrl } = inject('tesseraTestDb');
  const platform = options.onPlatform ?? (await createTestDatabase());
  let dataUrl = platform.url;
  let dataName: string | null = null;
  let tokens = { adminToken: '', viewerToken: '', outsiderToken: '', restrictedToken: '' };
  if (!options.onPlatform) {
    await publishProject(platform, doc, version);
    tokens = await createCallers(platform, doc.project);
    dataName = `${platform.name}_data`;
    await adminQuery(adminUrl, `CREATE DATABASE "${dataName}"`);
    dataUrl = withDatabase(adminUrl, dataName);
  }

  const output = await mkdtemp(path.join(tmpdir(), `tessera-eject-${doc.project}-`));
  if (options.regeneratedFrom && earlierDoc) {
    await writeProject(earlierDoc, output);
    await options.regeneratedFrom.edit(output);
    const migrations = {
      base: { version: 1, document: earlierDoc },
      later: [{ version: 2, plan: await publishedPlan(earlierDoc, doc) }],
    };
    const report = await writeFiles(output, await eject({ document: doc, version, migrations }));
    if (report.conflicts.length)
      throw new Error(`regeneration left conflicts in ${report.conflicts.join(', ')}`);
  } else await writeProject(doc, output);
  let dir = output;
  if (options.freshClone) {
    const git = (args: string[], cwd: string) => run('git', args, { cwd });
    await git(['init', '-q'], output);
    await git(['add', '-A'], output);
    await git(
      ['-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'ejected'],
      output,
    );
    dir = `${output}-clone`;
    await git(['clone', '-q', output, dir], tmpdir());
  }
  // eslint-disable-next-line no-restricted-properties -- the service inherits the machine's environment (PATH, pnpm's store)
  const env: Record<string, string | undefined> = { ...process.env, DATABASE_URL: dataUrl };
  if (!options.onPlatform) env.PLATFORM_DATABASE_URL = platform.url;
  const script = projectScript(dir, env);
  await buildProject(dir, env);
  if (!options.onPlatform) {
    // An empty database goes through every migration: a regenerated service's too.
    const first = await script('db:migrate');
    const applied = version === 1 ? 'Applied 000001_init' : 'Applied 000001_init, 000002_v2';
    if (!first.stdout.includes(applied))
      throw new Error(`db:migrate did not apply ${applied}: ${first.stdout}`);
    // Applying again changes nothing.
    const again = await script('db:migrate');
    if (!again.stdout.includes('The database is up to date'))
      throw new Error(`db:migrate is not idempotent: ${again.stdout}`);
    const check = await script('db:check');
    if (!check.stdout.includes('matches this service'))
      throw new Error(`db:check: ${check.stdout}`);
  }
  if (options.freshClone)
    for (const check of ['typecheck', 'lint', 'format', 'test']) await script(check);

  // The service reaches its data through a proxy the outage test can cut.
  const proxy = await startDbProxy(dataUrl);
  const { child, base } = await startProject(
    dir,
    {
      ...env,
      DATABASE_URL: proxy.url,
      DATABASE_POOL_SIZE: '4',
      DATABASE_CONNECT_TIMEOUT_MS: '500',
    },
    (chunk) => {
      if (process.env.EJECTED_STDERR) process.stderr.write(chunk); // eslint-disable-line no-restricted-properties
    },
  );
  return {
    dir,
    base,
    platform,
    dataUrl,
    ...tokens,
    script,
    setRateLimit: async (perMinute) => {
      await platform.db
        .$executeRaw`UPDATE system_config SET value = ${JSON.stringify(perMinute)}::jsonb WHERE key = 'runtime.rateLimit.perMinute'`;
      await platform.db.$executeRaw`SELECT pg_notify('tessera_metadata', '{}')`;
      // Applied once an answer carries the new budget (the administrator's, not the callers' under test).
      for (let attempt = 0; attempt < 200; attempt++) {
        const res = await fetch(
          `${base}/api/v1/${doc.project}/${doc.entities[0]!.code}?perPage=1&count=none`,
          {
            headers: { authorization: `Bearer ${tokens.adminToken}` },
          },
        );
        if (res.headers.get('ratelimit-limit') === String(perMinute)) return;
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error(`The service did not apply the rate limit ${perMinute}`);
    },
    holdDatabase: async () => {
      proxy.hold();
      return async () => proxy.release();
    },
    stop: async () => {
      child.kill();
      await new Promise((r) => child.once('exit', r));
      await proxy.close();
      if (!options.onPlatform) await platform.drop();
      if (dataName)
        await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${dataName}" WITH (FORCE)`);
      await rm(output, { recursive: true, force: true });
      if (dir !== output) await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The project as the platform knows it once published: its row, so grants can name it. */
async function publishProject(platform: TestDatabase, doc: ModelDocument, version: number) {
  await platform.db
    .$executeRaw`INSERT INTO meta_projects (id, code, name, draft, published_version, updated_at)
    VALUES (gen_random_uuid(), ${doc.project}, ${doc.project}, ${JSON.stringify(doc)}::jsonb, ${version}, now())`;
}

function earlierDocument(model: unknown): ModelDocument {
  const earlier = validateDocument(model);
  if (!earlier.ok) throw new Error(`invalid earlier model: ${JSON.stringify(earlier.issues)}`);
  return earlier.document;
}

/** What the platform's publish of `next` over `published` runs: planned on a scratch database at `published`. */
async function publishedPlan(published: ModelDocument, next: ModelDocument): Promise<Plan> {
  const scratch = await createTestDatabase();
  const client = new pg.Client({ connectionString: scratch.url });
  await client.connect();
  try {
    await publish({ db: client, published: null, draft: published, confirm: [] });
    const plan = await planChanges({ db: client, published, draft: next });
    return await publish({
      db: client,
      published,
      draft: next,
      confirm: plan.steps.map((s) => s.id),
    });
  } finally {
    await client.end();
    await scratch.drop();
  }
}

/**
 * An administrator, a viewer (reads everything), a user with no role, and one holding the
 * contract's restricted grants, each signed in.
 */
async function createCallers(platform: TestDatabase, project: string) {
  const { db } = platform;
  const user = async (email: string, role: string | null) => {
    const roleRow = role
      ? await db.role.findUniqueOrThrow({ where: { code: role }, select: { id: true } })
      : null;
    const created = await db.user.create({
      data: {
        email,
        passwordHash: 'x',
        ...(roleRow ? { roles: { create: { roleId: roleRow.id } } } : {}),
      },
      select: { id: true },
    });
    return (await createSession({ db }, created.id)).token;
  };
  return {
    adminToken: await user('admin@example.com', 'admin'),
    viewerToken: await user('viewer@example.com', 'viewer'),
    outsiderToken: await user('outsider@example.com', null),
    restrictedToken: (
      await createSession(
        { db },
        await createUserWithGrants(db, {
          project,
          role: 'shop_clerk',
          email: 'clerk@example.com',
          grants: RESTRICTED_GRANTS,
        }),
      )
    ).token,
  };
}
