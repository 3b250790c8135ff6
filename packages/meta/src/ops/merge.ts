/**
 * The server's merge of an edit made on an older revision of the draft: its operations are
 * applied to the current draft when nothing they write was written since (by another editor),
 * and refused, naming each collision, when something was. Layout operations are last-writer-wins
 * and never collide.
 */
import type { ModelDocument } from '../document';
import { applyOpInPlace, OpRefused, type RefusalReason } from './apply';
import { firstCollision, opKeys } from './keys';
import { isLayoutOp, type ModelOp } from './types';

/** An edit saved after the revision another edit was based on. */
export interface LaterEdit {
  revision: number;
  keys: readonly string[];
  actor?: string | null;
  /** The editor (a designer tab) that made it: its own edits never collide with its next ones. */
  clientId?: string | null;
}

export interface OpConflict {
  /** The operation of the edit that collided. */
  index: number;
  /** What it writes that was written meanwhile, and the later edit's key it met. */
  key: string;
  theirs: string;
  revision: number;
  actor: string | null;
}

export type MergeResult =
  | { ok: true; document: ModelDocument; keys: string[] }
  | { ok: false; conflicts: OpConflict[] }
  | { ok: false; refused: { index: number; message: string; reason: RefusalReason } };

export function mergeOps(input: {
  document: ModelDocument;
  ops: readonly ModelOp[];
  later?: readonly LaterEdit[];
  clientId?: string | null;
}): MergeResult {
  const others = (input.later ?? []).filter(
    (edit) => !input.clientId || edit.clientId !== input.clientId,
  );
  const working = structuredClone(input.document);
  const keys: string[] = [];
  const conflicts: OpConflict[] = [];
  for (const [index, op] of input.ops.entries()) {
    const written = opKeys(working, op);
    if (!isLayoutOp(op)) {
      for (const edit of others) {
        const collision = firstCollision(written, edit.keys);
        if (collision) {
          conflicts.push({
            index,
            key: collision.key,
            theirs: collision.with,
            revision: edit.revision,
            actor: edit.actor ?? null,
          });
          break;
        }
      }
    }
    keys.push(...written);
    if (conflicts.length) continue;
    try {
      applyOpInPlace(working, op);
    } catch (error) {
      if (error instanceof OpRefused)
        return { ok: false, refused: { index, message: error.message, reason: error.reason } };
      throw error;
    }
  }
  if (conflicts.length) return { ok: false, conflicts };
  return { ok: true, document: working, keys };
}
