/** Refusals of the generator, in the platform's one error vocabulary. */
import { AppError } from '@tessera/errors';

/** A model the target cannot express: the message names the entity and the field. */
export function cannotExpress(message: string, where: { entity: string; field?: string }) {
  return new AppError('VALIDATION', message, { details: where });
}
