/** The shop model with ids, and helpers the operations' tests share. */
import type { ModelDocument } from '../document';
import { assignIds } from '../plan';
import { shopModel } from '../testing';
import { applyOps } from './apply';
import type { ModelOp } from './types';

export const id = () => crypto.randomUUID();

export function shop(): ModelDocument {
  return assignIds(shopModel(), null);
}

export const entity = (doc: ModelDocument, code: string) =>
  doc.entities.find((e) => e.code === code)!;
export const field = (doc: ModelDocument, e: string, code: string) =>
  entity(doc, e).fields.find((f) => f.code === code)!;

export function applied(doc: ModelDocument, ops: ModelOp[]): ModelDocument {
  const result = applyOps(doc, ops);
  if (!result.ok) throw new Error(result.message);
  return result.document;
}
