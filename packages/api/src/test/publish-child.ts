/** Publishes a project in a child process, reporting each step, for the kill-during-publish test. */
import { loadPrincipal } from '@tessera/auth';
import { createLoginThrottle } from '@tessera/auth/rate-limit';
import { createDb } from '@tessera/db';

import { createContextInner } from '../context';
import { publishProject } from '../services/schema/publishing';
import type { AuthedContext } from '../services/types';

const [databaseUrl, project, userId] = process.argv.slice(2) as [string, string, string];
const db = createDb({ databaseUrl, poolSize: 2 });
const principal = await loadPrincipal(db, userId);
const ctx = createContextInner({
  services: {
    db,
    databaseUrl,
    logger: console,
    loginThrottle: createLoginThrottle({ store: { kind: 'memory' } }),
  },
  principal: principal && { ...principal, via: 'session' },
}) as AuthedContext;
await publishProject(ctx, { project, confirm: [] }, ({ index, total, summary }) =>
  process.stdout.write(`step ${index + 1}/${total}: ${summary}\n`),
);
process.stdout.write('published\n');
process.exit(0);
