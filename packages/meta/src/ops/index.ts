export {
  isLayoutOp,
  LAYOUT_OPS,
  ZEntityChanges,
  ZFieldChanges,
  ZModelOp,
  ZOpBatch,
  ZRelationBody,
  ZRelationChanges,
  type ModelOp,
  type ModelOpKind,
  type OpOf,
} from './types';
export { applyOps, OpRefused, type ApplyResult, type RefusalReason } from './apply';
export { invertOps } from './invert';
export {
  firstCollision,
  keysCollide,
  keyTarget,
  opKeys,
  replacementKeys,
  valueAtKey,
} from './keys';
export { mergeOps, type LaterEdit, type MergeResult, type OpConflict } from './merge';
export { documentOps } from './diff-ops';
