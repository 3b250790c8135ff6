export { assignIds } from './ids';
export { planChanges, type PlanOptions } from './planner';
export {
  executableSql,
  publish,
  publishedStatements,
  PublishRefusedError,
  type PublishOptions,
} from './publish';
export {
  stepId,
  trashName,
  type Plan,
  type PlanStep,
  type Queryable,
  type Risk,
  type StepTarget,
} from './types';
