/** Input schemas shared by several routers. */
import { emailSchema, passwordSchema } from '@tessera/auth';
import { z } from 'zod';

export { emailSchema, passwordSchema };

export const ZId = z.uuid('Not a valid id');
export const ZCode = z
  .string()
  .regex(
    /^[a-z][a-z0-9_.-]{1,39}$/,
    'Use 2–40 lower-case letters, digits, _ . or -, starting with a letter',
  );
export const ZPermissionKey = z
  .string()
  .regex(/^[a-z][a-z-]*:[a-z][a-z-]*$/, 'Permissions look like resource:action');
export const ZPage = z.object({
  page: z.number().int().min(1).default(1),
  perPage: z.number().int().min(1).max(200).default(20),
});

/**
 * A path inside the console (`/data/shop/order`): one leading slash, then segments of letters,
 * digits, - _ . and no `.` or `..` segment. `//host/x` (another site) and `/x/../y` are refused.
 */
export const ZInternalPath = z
  .string()
  .max(200)
  .regex(/^\/[\w\-/.]*$/, 'Paths start with / and use letters, digits, - _ . /')
  .refine(
    (path) =>
      path === '/' ||
      path
        .slice(1)
        .split('/')
        .every((s, i, all) => (s !== '' || i === all.length - 1) && s !== '.' && s !== '..'),
    'A path stays inside the console: no // and no . or .. segments',
  );
