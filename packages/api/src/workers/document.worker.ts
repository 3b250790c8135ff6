/**
 * The worker thread behind `DocumentWorker`: reads model documents (YAML or JSON, up to 5 MiB,
 * the junction entities added) and validates stored ones, away from the server's event loop.
 */
import { parentPort } from 'node:worker_threads';

import { parseDocument, validateDocument, withJunctionEntities } from '@tessera/meta';

import type { DocumentJob, DocumentAnswer } from './document-worker';

parentPort!.on('message', (job: DocumentJob) => {
  const { id } = job;
  let answer: DocumentAnswer;
  try {
    if ('value' in job) answer = { id, result: validateDocument(job.value, { stored: true }) };
    else {
      const parsed = parseDocument(job.text);
      answer = {
        id,
        result: parsed.ok ? { ok: true, document: withJunctionEntities(parsed.document) } : parsed,
      };
    }
  } catch (error) {
    answer = { id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(answer);
});
