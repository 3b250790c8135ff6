/** What code generation starts from: the generator and a project's published model. */
import { AppError } from '@tessera/errors';

import type { Codegen } from '../../context';
import { findProject } from '../schema/projects';
import { publishedDocument } from '../schema/publishing';
import type { AuthedContext } from '../types';

/** The generator the app wired, else the package itself (loaded when first needed). */
export async function generator(ctx: AuthedContext): Promise<Codegen> {
  return ctx.services.codegen ?? (await import('@tessera/codegen')).codegenApi;
}

export async function publishedModel(ctx: AuthedContext, code: string) {
  const project = await findProject(ctx, code);
  const document = await publishedDocument(ctx, project.id, project.publishedVersion);
  if (!document || project.publishedVersion === null)
    throw new AppError(
      'VALIDATION',
      `Project '${code}' has no published model to generate from; publish it first`,
    );
  return { project, document, version: project.publishedVersion };
}
