/**
 * The data page of a published entity, as amis JSON generated from the model and shaped by
 * what the caller may do: no create button without create permission, no hidden fields. A page
 * edited in the console is kept as a patch over the generated page (see `@tessera/pages`), so
 * it follows model changes; what no longer fits is reported as conflicts.
 */
import { AppError, databaseErrorKind } from '@tessera/errors';
import type { Entity, ModelDocument } from '@tessera/meta';
import {
  applyPage,
  dataApiBase,
  diffPage,
  entityPage,
  fitPage,
  FULL_PAGE_ACCESS,
  listPreview,
  type PageAccess,
  type PagePatch,
  patchProblems,
  relationLabels,
  validateAmisPage,
} from '@tessera/pages';

import { writeAudit } from '../audit/write-audit';
import { pageAccess } from './page-access';
import { findProject } from './schema/projects';
import { publishedDocument } from './schema/publishing';
import type { AuthedContext } from './types';

export interface PageInput {
  project: string;
  entity: string;
}

async function publishedEntity(ctx: AuthedContext, input: PageInput) {
  const project = await findProject(ctx, input.project);
  const doc = await publishedDocument(ctx, project.id, project.publishedVersion);
  const entity = doc?.entities.find((e) => e.code === input.entity);
  if (!doc || !entity)
    throw new AppError('NOT_FOUND', `No published entity '${input.entity}' in '${input.project}'`);
  return { project, doc, entity, entityId: entity.id ?? entity.code };
}

const versionSelect = {
  version: true,
  patch: true,
  note: true,
  createdAt: true,
  createdBy: { select: { email: true } },
} as const;

async function latestOverride(ctx: AuthedContext, projectId: string, entityId: string) {
  return ctx.db.pageOverride.findFirst({
    where: { projectId, entityId },
    orderBy: { version: 'desc' },
    select: versionSelect,
  });
}

const generated = (ctx: AuthedContext, doc: ModelDocument, entity: Entity, access: PageAccess) =>
  entityPage(doc, entity, { runtimeUrl: ctx.services.runtimeUrl ?? '', access });

/** What an edit of a page of `project` may contain (see `@tessera/pages`' policy). */
const policyFor = (ctx: AuthedContext, project: string) => ({
  apiBase: dataApiBase(ctx.services.runtimeUrl ?? '', project, ''),
});

export async function entityPageSchema(ctx: AuthedContext, input: PageInput) {
  const { project, doc, entity, entityId } = await publishedEntity(ctx, input);
  const access = await pageAccess(ctx, project, doc, entity);
  const override = await latestOverride(ctx, project.id, entityId);
  const stored = (override?.patch ?? null) as PagePatch | null;
  const policy = policyFor(ctx, project.code);
  // Edits are made, checked and judged for conflicts against the whole generated page.
  const full = stored ? generated(ctx, doc, entity, FULL_PAGE_ACCESS) : null;
  // Checked again as served: an edit saved before the policy (or under a looser one) that holds
  // what a page may not is left out, and its editors are told why.
  const refused = full ? patchProblems(stored, full, policy) : [];
  const patch = refused.length ? null : stored;
  // An edit is shown to everyone, fitted to what this caller may do and see.
  const page = patch
    ? fitPage(applyPage(generated(ctx, doc, entity, access), patch).page, {
        entity,
        access,
        base: dataApiBase(ctx.services.runtimeUrl ?? '', project.code, entity.code),
      })
    : generated(ctx, doc, entity, access);
  const editor = ctx.principal.permissions.has('page:update');
  return {
    title: entity.name ?? entity.code,
    /** The only address the page's requests may go to (the console's amis enforces it too). */
    dataApi: policy.apiBase,
    version: project.publishedVersion,
    schema: page,
    // Conflicts are judged against the whole generated page: a narrower caller's page lacks
    // parts (buttons, fields) by design, which is no conflict.
    override:
      stored && full && override
        ? {
            version: override.version,
            conflicts: editor
              ? refused.length
                ? refused.map((r) => `Left out, a page may not hold it: ${r}`)
                : applyPage(full, stored).conflicts
              : [],
          }
        : null,
    editable: editor,
    // What the console's server reads ahead so rows show before amis has started.
    preview: listPreview(
      page,
      relationLabels(doc, entity, access.related),
      ctx.services.runtimeUrl ?? '',
    ),
  };
}

/** For the page editor: the generated page, the edited one, and every saved version. */
export async function pageSource(ctx: AuthedContext, input: PageInput) {
  const { project, doc, entity, entityId } = await publishedEntity(ctx, input);
  const base = generated(ctx, doc, entity, FULL_PAGE_ACCESS);
  const versions = await ctx.db.pageOverride.findMany({
    where: { projectId: project.id, entityId },
    orderBy: { version: 'desc' },
    select: versionSelect,
  });
  const current = versions[0]?.patch as PagePatch | null | undefined;
  const { page, conflicts } = applyPage(base, current ?? null);
  const refused = patchProblems(current, base, policyFor(ctx, project.code));
  return {
    dataApi: policyFor(ctx, project.code).apiBase,
    generated: base,
    page,
    conflicts: [
      ...refused.map((r) => `Not shown to anyone, a page may not hold it: ${r}`),
      ...conflicts,
    ],
    versions: versions.map((v) => ({
      version: v.version,
      note: v.note,
      createdAt: v.createdAt,
      by: v.createdBy?.email ?? null,
      generated: v.patch === null,
    })),
  };
}

/**
 * Checks an edited page without saving it: against amis's schema, then what it adds against
 * what a page may contain.
 */
export async function checkPage(ctx: AuthedContext, input: PageInput & { schema: unknown }) {
  const check = validateAmisPage(input.schema);
  if (!check.ok) return check;
  const { doc, entity } = await publishedEntity(ctx, input);
  const base = generated(ctx, doc, entity, FULL_PAGE_ACCESS);
  const problems = patchProblems(diffPage(base, input.schema), base, policyFor(ctx, input.project));
  return problems.length ? { ok: false as const, errors: problems } : check;
}

async function storeVersion(
  ctx: AuthedContext,
  input: PageInput,
  patch: PagePatch | null,
  note: string | null,
  action: string,
) {
  const { project, entityId } = await publishedEntity(ctx, input);
  const latest = await latestOverride(ctx, project.id, entityId);
  const version = (latest?.version ?? 0) + 1;
  await ctx.db.pageOverride
    .create({
      data: {
        projectId: project.id,
        entityId,
        version,
        patch: (patch ?? null) as never,
        note,
        createdById: ctx.principal.user.id,
      },
      select: { id: true },
    })
    .catch((error: unknown) => {
      if (databaseErrorKind(error) === 'unique')
        throw new AppError('CONFLICT', 'Someone saved this page meanwhile; reload and try again');
      throw error;
    });
  await writeAudit(ctx.db, ctx, {
    action,
    resource: 'page',
    resourceId: `${input.project}.${input.entity}`,
    after: { version, note, patch },
  });
  return { version };
}

/** Saves an edited page as the next version (a patch over what is generated now). */
export async function savePage(
  ctx: AuthedContext,
  input: PageInput & { schema: unknown; note: string | null },
) {
  const check = validateAmisPage(input.schema);
  if (!check.ok)
    throw new AppError('VALIDATION', `The page is not valid amis: ${check.errors[0]}`, {
      fieldErrors: { schema: check.errors.join('\n') },
    });
  const { doc, entity } = await publishedEntity(ctx, input);
  const base = generated(ctx, doc, entity, FULL_PAGE_ACCESS);
  const patch = diffPage(base, input.schema) ?? null;
  const problems = patchProblems(patch, base, policyFor(ctx, input.project));
  if (problems.length)
    throw new AppError('VALIDATION', `The page may not hold this: ${problems[0]}`, {
      fieldErrors: { schema: problems.join('\n') },
    });
  return storeVersion(ctx, input, patch, input.note, 'page.save');
}

/** Makes an earlier version current again, as a new version. */
export async function restorePage(ctx: AuthedContext, input: PageInput & { version: number }) {
  const { project, doc, entity, entityId } = await publishedEntity(ctx, input);
  const old = await ctx.db.pageOverride.findUnique({
    where: {
      projectId_entityId_version: { projectId: project.id, entityId, version: input.version },
    },
    select: { patch: true },
  });
  if (!old) throw new AppError('NOT_FOUND', `No version ${input.version} of this page`);
  const problems = patchProblems(
    old.patch as PagePatch | null,
    generated(ctx, doc, entity, FULL_PAGE_ACCESS),
    policyFor(ctx, project.code),
  );
  if (problems.length)
    throw new AppError(
      'VALIDATION',
      `Version ${input.version} holds what a page may not: ${problems[0]}`,
      {
        fieldErrors: { schema: problems.join('\n') },
      },
    );
  return storeVersion(
    ctx,
    input,
    old.patch as PagePatch | null,
    `Restored version ${input.version}`,
    'page.restore',
  );
}

/** Back to the generated page, as a new version (the edits stay in the history). */
export async function resetPage(ctx: AuthedContext, input: PageInput) {
  return storeVersion(ctx, input, null, 'Back to the generated page', 'page.reset');
}
