/** Reading stored model documents back, and turning document issues into field errors. */
import { type DocumentIssue, type ModelDocument, validateDocument } from '@tessera/meta';
import { AppError } from '@tessera/errors';

export function issuesError(issues: DocumentIssue[], what = 'The model'): AppError {
  const fieldErrors = Object.fromEntries(issues.map((i) => [i.path || 'document', i.message]));
  return new AppError(
    'VALIDATION',
    `${what} is not valid: ${issues[0]?.message ?? 'unknown problem'}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}`,
    { fieldErrors },
  );
}

/** A document from the database; stored documents were validated when written. */
export function storedDocument(value: unknown): ModelDocument {
  const result = validateDocument(value);
  if (!result.ok)
    throw new AppError(
      'INTERNAL',
      `A stored model document is invalid: ${result.issues[0]?.message}`,
    );
  return result.document;
}
