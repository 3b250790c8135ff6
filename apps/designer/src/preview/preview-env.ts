/**
 * The environment amis runs the designer's page preview in: nothing leaves the browser. Reads of
 * the project's data API are answered with sample rows of the draft model (the entity may have
 * no table yet), and writes are refused with the preview's message, as the console's own
 * preview does.
 */
import type { ModelDocument } from '@tessera/meta';
import { sampleRows } from '@tessera/pages/browser';
import { PREVIEW_WRITE_MESSAGE } from '@tessera/pages/embed';

interface AmisRequest {
  url: string;
  method: string;
}

/** amis's answer: its envelope (`status` 0 for a success) as the body of an HTTP 200. */
export interface AmisAnswer {
  status: number;
  headers: Record<string, string>;
  data: { status: number; msg: string; data?: unknown };
}

const answer = (data: unknown): AmisAnswer => ({
  status: 200,
  headers: {},
  data: { status: 0, msg: '', data },
});
const refusal = (msg: string): AmisAnswer => ({
  status: 200,
  headers: {},
  data: { status: 1, msg },
});

export function previewFetcher(model: () => ModelDocument) {
  return async (request: AmisRequest): Promise<AmisAnswer> => {
    const doc = model();
    if (request.method.toUpperCase() !== 'GET') return refusal(PREVIEW_WRITE_MESSAGE);
    const url = new URL(request.url, 'http://preview.invalid');
    const match = /^\/api\/v1\/([^/]+)\/([^/]+)(?:\/([^/]+))?$/.exec(url.pathname);
    const entity =
      match && match[1] === doc.project ? doc.entities.find((e) => e.code === match[2]) : undefined;
    if (!entity) return refusal('The preview has no such data');
    const rows = sampleRows(doc, entity, 5);
    if (match![3] === 'export') return refusal(PREVIEW_WRITE_MESSAGE);
    if (match![3]) return answer(rows.find((r) => r.id === match![3]) ?? rows[0]);
    return answer({ items: rows, total: rows.length });
  };
}
