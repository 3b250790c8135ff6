/** Emails are compared and stored trimmed and lower-cased. */
import { z } from 'zod';

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export const emailSchema = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email('Enter a valid email address'))
  .transform(normaliseEmail);
