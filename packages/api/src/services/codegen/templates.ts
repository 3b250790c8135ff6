/**
 * A project's code generation templates: the target's built-in ones and the project's versions
 * of them. Each save is a new version (who, when, a note); restoring an earlier version or going
 * back to the built-in template is a new version too, so the history keeps everything. A
 * template is compiled before it is saved: one that does not compile is refused with its line.
 */
import type { CodegenTarget } from '@tessera/codegen/targets';
import { AppError, databaseErrorKind } from '@tessera/errors';
import { withJunctionEntities } from '@tessera/meta';

import { writeAudit } from '../../audit/write-audit';
import { findProject } from '../schema/projects';
import { publishedDocument } from '../schema/publishing';
import type { AuthedContext } from '../types';
import { generator, publishedModel } from './published';

export interface TemplateRef {
  project: string;
  target: CodegenTarget;
  name: string;
}

interface LatestVersion {
  name: string;
  version: number;
  source: string | null;
  createdAt: Date;
  by: string | null;
}

/**
 * The latest saved version of each of `names`: one index probe per template (a project may
 * keep thousands of versions; only the newest of each counts).
 */
async function latestVersions(
  ctx: AuthedContext,
  projectId: string,
  target: CodegenTarget,
  names: string[],
): Promise<Map<string, LatestVersion>> {
  if (names.length === 0) return new Map();
  const rows = await ctx.db.$queryRaw<LatestVersion[]>`
    SELECT n.name, o.version, o.source, o.created_at AS "createdAt", u.email AS by
      FROM unnest(${names}::text[]) AS n(name)
      CROSS JOIN LATERAL (
        SELECT t.version, t.source, t.created_at, t.created_by_id FROM template_overrides t
         WHERE t.project_id = ${projectId}::uuid AND t.target = ${target} AND t.name = n.name
         ORDER BY t.version DESC LIMIT 1) o
      LEFT JOIN users u ON u.id = o.created_by_id`;
  return new Map(rows.map((r) => [r.name, r]));
}

/** The override in force for each overridden template: name → its source and version. */
export async function currentOverrides(
  ctx: AuthedContext,
  projectId: string,
  target: CodegenTarget,
): Promise<Map<string, { source: string; version: number }>> {
  const names = Object.keys(await (await generator(ctx)).builtInTemplates(target));
  const latest = await latestVersions(ctx, projectId, target, names);
  return new Map(
    [...latest.values()].flatMap((r) =>
      r.source === null ? [] : [[r.name, { source: r.source, version: r.version }]],
    ),
  );
}

/** Every template of the target, and whether (and since when, by whom) the project overrides it. */
export async function listTemplates(
  ctx: AuthedContext,
  input: { project: string; target: CodegenTarget },
) {
  const project = await findProject(ctx, input.project);
  const published = await publishedDocument(ctx, project.id, project.publishedVersion);
  const builtIn = await (await generator(ctx)).builtInTemplates(input.target);
  const byName = await latestVersions(ctx, project.id, input.target, Object.keys(builtIn));
  return {
    target: input.target,
    /** What a preview can render for: the published model's entities (link tables too). */
    entities: published ? withJunctionEntities(published).entities.map((e) => e.code) : [],
    templates: Object.keys(builtIn).map((name) => {
      const row = byName.get(name);
      return {
        name,
        perEntity: name.startsWith('entity/'),
        overridden: row !== undefined && row.source !== null,
        version: row?.version ?? null,
        changedAt: row?.createdAt ?? null,
        changedBy: row?.by ?? null,
      };
    }),
  };
}

async function builtInSource(ctx: AuthedContext, target: CodegenTarget, name: string) {
  const source = (await (await generator(ctx)).builtInTemplates(target))[name];
  if (source === undefined)
    throw new AppError('NOT_FOUND', `The ${target} target has no template '${name.slice(0, 200)}'`);
  return source;
}

/** For the editor: the built-in source, the project's current one, and every saved version. */
export async function templateSource(ctx: AuthedContext, input: TemplateRef) {
  const project = await findProject(ctx, input.project);
  const builtIn = await builtInSource(ctx, input.target, input.name);
  const versions = await ctx.db.templateOverride.findMany({
    where: { projectId: project.id, target: input.target, name: input.name },
    orderBy: { version: 'desc' },
    select: {
      version: true,
      source: true,
      note: true,
      createdAt: true,
      createdBy: { select: { email: true } },
    },
  });
  const current = versions[0];
  return {
    name: input.name,
    builtIn,
    source: current?.source ?? builtIn,
    overridden: current !== undefined && current.source !== null,
    versions: versions.map((v) => ({
      version: v.version,
      note: v.note,
      createdAt: v.createdAt,
      by: v.createdBy?.email ?? null,
      builtIn: v.source === null,
      source: v.source ?? builtIn,
    })),
  };
}

/** Refuses a template that does not compile, naming the line. */
async function compiles(ctx: AuthedContext, input: TemplateRef, source: string) {
  await (await generator(ctx)).templatesWith(input.target, { [input.name]: source });
}

async function storeVersion(
  ctx: AuthedContext,
  input: TemplateRef,
  source: string | null,
  note: string | null,
  action: string,
) {
  const project = await findProject(ctx, input.project);
  const latest = await ctx.db.templateOverride.findFirst({
    where: { projectId: project.id, target: input.target, name: input.name },
    orderBy: { version: 'desc' },
    select: { version: true, source: true },
  });
  const version = (latest?.version ?? 0) + 1;
  await ctx.db.templateOverride
    .create({
      data: {
        projectId: project.id,
        target: input.target,
        name: input.name,
        version,
        source,
        note,
        createdById: ctx.principal.user.id,
      },
      select: { id: true },
    })
    .catch((error: unknown) => {
      if (databaseErrorKind(error) === 'unique')
        throw new AppError(
          'CONFLICT',
          'Someone saved this template meanwhile; reload and try again',
        );
      throw error;
    });
  await writeAudit(ctx.db, ctx, {
    action,
    resource: 'template',
    resourceId: `${input.project}/${input.target}/${input.name}`,
    before: { version: latest?.version ?? null, source: latest?.source ?? null },
    after: { version, note, source },
  });
  return { version };
}

export async function saveTemplate(
  ctx: AuthedContext,
  input: TemplateRef & { source: string; note: string | null },
) {
  const builtIn = await builtInSource(ctx, input.target, input.name);
  await compiles(ctx, input, input.source);
  // Saving the built-in text is going back to the built-in template.
  return storeVersion(
    ctx,
    input,
    input.source === builtIn ? null : input.source,
    input.note,
    'template.save',
  );
}

export async function restoreTemplate(
  ctx: AuthedContext,
  input: TemplateRef & { version: number },
) {
  const project = await findProject(ctx, input.project);
  await builtInSource(ctx, input.target, input.name);
  const old = await ctx.db.templateOverride.findUnique({
    where: {
      projectId_target_name_version: {
        projectId: project.id,
        target: input.target,
        name: input.name,
        version: input.version,
      },
    },
    select: { source: true },
  });
  if (!old) throw new AppError('NOT_FOUND', `No version ${input.version} of this template`);
  if (old.source !== null) await compiles(ctx, input, old.source);
  return storeVersion(
    ctx,
    input,
    old.source,
    `Restored version ${input.version}`,
    'template.restore',
  );
}

export async function resetTemplate(ctx: AuthedContext, input: TemplateRef) {
  await builtInSource(ctx, input.target, input.name);
  return storeVersion(ctx, input, null, 'Back to the built-in template', 'template.reset');
}

/**
 * Renders a template (the given source, else the project's current one) for one entity of the
 * published model, in the sandbox: the file it writes, or its error with the line.
 */
export async function previewTemplateFor(
  ctx: AuthedContext,
  input: TemplateRef & { source?: string; entity?: string },
) {
  const { project, document, version } = await publishedModel(ctx, input.project);
  const source =
    input.source ?? (await currentOverrides(ctx, project.id, input.target)).get(input.name)?.source;
  const codegen = await generator(ctx);
  try {
    const file = await codegen.previewTemplate({
      document,
      version,
      target: input.target,
      name: input.name,
      ...(source !== undefined ? { source } : {}),
      ...(input.entity !== undefined ? { entity: input.entity } : {}),
    });
    return { ok: true as const, ...file };
  } catch (error) {
    // A template's own failure is the answer, not an error of the request.
    if (error instanceof AppError && error.code === 'VALIDATION')
      return {
        ok: false as const,
        message: error.message,
        template: typeof error.details?.template === 'string' ? error.details.template : input.name,
        line: typeof error.details?.line === 'number' ? error.details.line : null,
      };
    throw error;
  }
}
