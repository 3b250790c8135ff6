/**
 * The schema overview: every project's published model, as one immutable value. The runtime
 * serves requests from whichever overview was current when they started, and a reload swaps in
 * a new one whole.
 */
import { type ModelDocument, validateDocument } from '@tessera/meta';
import type pg from 'pg';

import { type Grant, loadGrants } from '../access/grants';
import { loadSettings } from './settings';

export interface PublishedModel {
  project: string;
  version: number;
  document: ModelDocument;
}

export interface SchemaOverview {
  readonly models: ReadonlyMap<string, PublishedModel>;
  /** Data grants by project code. */
  readonly grants: ReadonlyMap<string, readonly Grant[]>;
  /** The `runtime.*` configuration keys. */
  readonly settings: ReadonlyMap<string, unknown>;
  readonly loadedAt: Date;
}

export const EMPTY_OVERVIEW: SchemaOverview = {
  models: new Map(),
  grants: new Map(),
  settings: new Map(),
  loadedAt: new Date(0),
};

export async function loadOverview(db: Pick<pg.Pool, 'query'>): Promise<SchemaOverview> {
  const { rows } = await db.query<{ code: string; version: number; document: unknown }>(
    `SELECT p.code, v.version, v.document
       FROM meta_projects p JOIN meta_versions v ON v.project_id = p.id AND v.version = p.published_version`,
  );
  const models = new Map<string, PublishedModel>();
  for (const row of rows) {
    // Published, so stored: a pattern written before patterns had to run in linear time still
    // loads (and accepts nothing). A version that no longer validates otherwise is skipped
    // rather than served half-understood.
    const parsed = validateDocument(row.document, { stored: true });
    if (parsed.ok)
      models.set(row.code, { project: row.code, version: row.version, document: parsed.document });
  }
  return {
    models,
    grants: await loadGrants(db),
    settings: await loadSettings(db),
    loadedAt: new Date(),
  };
}

/** `{ project: version }` for health reports. */
export function servedVersions(overview: SchemaOverview): Record<string, number> {
  return Object.fromEntries([...overview.models.values()].map((m) => [m.project, m.version]));
}
