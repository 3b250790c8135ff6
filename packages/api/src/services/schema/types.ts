/**
 * TypeScript for a project's published model as the caller may use it (the runtime's
 * `types.ts`, from the same generator and the same grants), for `tessera types`. Unformatted:
 * the CLI formats it, so the console's server does not load Prettier.
 */
import { AppError } from '@tessera/errors';
import { typesModule } from '@tessera/runtime-core';

import { callerView } from '../page-access';
import type { AuthedContext } from '../types';
import { findProject } from './projects';
import { publishedDocument } from './publishing';

export async function projectTypes(ctx: AuthedContext, code: string) {
  const project = await findProject(ctx, code);
  const document = await publishedDocument(ctx, project.id, project.publishedVersion);
  if (!document || project.publishedVersion === null)
    throw new AppError('VALIDATION', `Project '${code}' has no published model; publish it first`);
  const version = project.publishedVersion;
  const { overview, caller } = await callerView(ctx, project, { version, document });
  return { version, text: typesModule({ overview, caller, project: code })! };
}
