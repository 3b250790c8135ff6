/** The plan: ordered steps that take the published schema to the draft, each with its risk. */
import { sha256Hex } from '../hash';

export type Risk = 'safe' | 'needs-confirmation' | 'blocked';

export interface PlanStep {
  /** Stable across planning runs for the same change, so a confirmation can name it. */
  id: string;
  kind: string;
  summary: string;
  sql: string[];
  risk: Risk;
  /** Rows the step touches (needs-confirmation) or that stop it (blocked). */
  rows?: number;
  /** Why the step is blocked, or what confirming it means. */
  reason?: string;
  /** A blocked step that a stated conversion can unblock: the SQL that runs once confirmed. */
  conversion?: { summary: string; sql: string[] };
  /** Data this step moves aside, to be listed and restorable. */
  trash?: { table: string; column?: string; trashName: string };
  /** What the step is about (ids), so an editor can show its risk where the change was made. */
  target?: StepTarget;
}

export interface StepTarget {
  entity?: string;
  field?: string;
  relation?: string;
}

/** The same steps, each saying what it is about. */
export const about =
  (target: StepTarget) =>
  (steps: PlanStep[]): PlanStep[] =>
    steps.map((step) => ({ ...step, target }));

export interface Plan {
  steps: PlanStep[];
}

/** Minimal database access the planner and publisher need (a pg Client or PoolClient fits). */
export interface Queryable {
  query<R extends object = Record<string, unknown>>(
    sql: string,
    params?: unknown[],
  ): Promise<{ rows: R[] }>;
}

export function stepId(...parts: unknown[]): string {
  return sha256Hex(JSON.stringify(parts)).slice(0, 16);
}

/** `_trash_<name>_<yyyymmddhhmmss>`: cannot clash with a code, which starts with a letter. */
export function trashName(name: string, at: Date): string {
  const stamp = at.toISOString().replace(/\D/g, '').slice(0, 14);
  return `_trash_${name}_${stamp}`;
}
