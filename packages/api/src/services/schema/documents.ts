/** Reading stored model documents back, and turning document issues into field errors. */
import { AppError } from '@tessera/errors';
import type { DocumentIssue, ModelDocument } from '@tessera/meta';

import { type DocumentReader, IN_THREAD } from '../../workers/document-worker';

export function issuesError(issues: DocumentIssue[], what = 'The model'): AppError {
  const fieldErrors = Object.fromEntries(issues.map((i) => [i.path || 'document', i.message]));
  return new AppError(
    'VALIDATION',
    `${what} is not valid: ${issues[0]?.message ?? 'unknown problem'}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}`,
    { fieldErrors },
  );
}

/** Documents with fewer fields than this are validated in place: a worker costs more. */
const SMALL = 2000;

const fieldCount = (value: unknown) => {
  const entities = (value as { entities?: { fields?: unknown[] }[] } | null)?.entities;
  return Array.isArray(entities) ? entities.reduce((n, e) => n + (e.fields?.length ?? 0), 0) : 0;
};

/**
 * A document from the database, validated again (stored documents were validated when written,
 * and defaults added since then apply); a big one on the document worker.
 */
export async function storedDocument(
  ctx: { services?: { documents?: DocumentReader } },
  value: unknown,
): Promise<ModelDocument> {
  const reader = fieldCount(value) < SMALL ? IN_THREAD : (ctx.services?.documents ?? IN_THREAD);
  const result = await reader.validate(value);
  if (!result.ok)
    throw new AppError(
      'INTERNAL',
      `A stored model document is invalid: ${result.issues[0]?.message}`,
    );
  return result.document;
}

/** Reads a document sent by a caller (YAML or JSON), on the document worker when there is one. */
export function readDocument(ctx: { services?: { documents?: DocumentReader } }, text: string) {
  return (ctx.services?.documents ?? IN_THREAD).parse(text);
}
