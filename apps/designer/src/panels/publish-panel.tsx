/**
 * Plan and publish from the designer: the steps that take the database to this draft, each with
 * its risk (safe, needs confirmation, blocked with its row counts) and pinned on the entity it
 * touches; the risky ones confirmed one by one; the publish's progress step by step.
 */
import type { PlanStep } from '@tessera/meta';
import { useEffect, useState } from 'react';

import { api, problemOf } from '../api/client';
import { useDesignerState } from '../model/context';

/** The worst risk of the plan's steps about each entity and each field (by id). */
export interface PlanRisks {
  entities: Record<string, PlanStep['risk']>;
  fields: Record<string, PlanStep['risk']>;
}

export const NO_RISKS: PlanRisks = { entities: {}, fields: {} };

const RANK = { safe: 0, 'needs-confirmation': 1, blocked: 2 } as const;

/** Pins each step on what it is about; a relation's steps on the entity holding its key. */
export function planRisks(
  steps: readonly PlanStep[],
  relationEntity: (relation: string) => string | undefined,
): PlanRisks {
  const risks: PlanRisks = { entities: {}, fields: {} };
  const worse = (map: Record<string, PlanStep['risk']>, id: string, risk: PlanStep['risk']) => {
    if (!map[id] || RANK[risk] > RANK[map[id]]) map[id] = risk;
  };
  for (const step of steps) {
    const target = step.target;
    const entity =
      target?.entity ?? (target?.relation ? relationEntity(target.relation) : undefined);
    if (entity) worse(risks.entities, entity, step.risk);
    if (target?.field) worse(risks.fields, target.field, step.risk);
  }
  return risks;
}

export function PublishPanel({ onRisks }: { onRisks: (risks: PlanRisks) => void }) {
  const project = useDesignerState((s) => s.project);
  const revision = useDesignerState((s) => s.revision);
  const model = useDesignerState((s) => s.model);
  const canPublish = useDesignerState((s) => s.canPublish);
  const unsaved = useDesignerState((s) => s.pending.some((e) => e.state !== 'saved'));
  const [steps, setSteps] = useState<PlanStep[] | null>(null);
  const [confirmed, setConfirmed] = useState<Set<string>>(new Set());
  const [progress, setProgress] = useState<{
    index: number;
    total: number;
    summary: string;
  } | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api.schema.plan
      .query({ project })
      .then((plan) => {
        if (!live) return;
        setSteps(plan.steps);
        onRisks(
          planRisks(plan.steps, (id) => {
            const relation = model?.relations.find((r) => r.id === id);
            return model?.entities.find((e) => e.code === relation?.from)?.id;
          }),
        );
      })
      .catch((error: unknown) => live && setMessage(problemOf(error).message));
    return () => {
      live = false;
    };
    // The plan follows the saved draft: its revision, not every keystroke.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [project, revision]);

  const blocked = steps?.filter((s) => s.risk === 'blocked') ?? [];
  const risky = steps?.filter((s) => s.risk === 'needs-confirmation') ?? [];
  const ready =
    steps &&
    steps.length > 0 &&
    !blocked.length &&
    risky.every((s) => confirmed.has(s.id)) &&
    !unsaved;

  function publish() {
    setMessage(null);
    setProgress({ index: 0, total: steps?.length ?? 0, summary: 'Starting' });
    const sub = api.schema.publishWithProgress.subscribe(
      { project, confirm: [...confirmed] },
      {
        onData(event) {
          if (event.type === 'step') setProgress(event);
          else {
            sub.unsubscribe();
            setProgress(null);
            setMessage(
              event.type === 'done'
                ? `Published version ${event.version} (${event.steps} steps)`
                : event.message,
            );
            if (event.type === 'done') {
              setConfirmed(new Set());
              setSteps([]);
              onRisks(NO_RISKS);
            }
          }
        },
        onError(error) {
          setProgress(null);
          setMessage(problemOf(error).message);
        },
      },
    );
  }

  return (
    <section className="publish" aria-label="Plan and publish">
      <h2>Plan</h2>
      {!steps ? <p className="muted">Planning…</p> : null}
      {steps?.length === 0 ? (
        <p className="muted">The database matches this draft: nothing to publish.</p>
      ) : null}
      <ol className="steps">
        {steps?.map((step) => (
          <li key={step.id} className={`step risk-${step.risk}`} data-risk={step.risk}>
            {step.risk === 'needs-confirmation' ? (
              <label>
                <input
                  type="checkbox"
                  checked={confirmed.has(step.id)}
                  onChange={(e) => {
                    const next = new Set(confirmed);
                    if (e.target.checked) next.add(step.id);
                    else next.delete(step.id);
                    setConfirmed(next);
                  }}
                />
                Confirm
              </label>
            ) : null}
            <span className="summary">{step.summary}</span>
            {step.rows !== undefined ? <span className="rows">{step.rows} row(s)</span> : null}
            {step.reason ? <p className="reason">{step.reason}</p> : null}
          </li>
        ))}
      </ol>
      {unsaved ? <p className="muted">Save or resolve your edits before publishing.</p> : null}
      {canPublish ? (
        <button
          type="button"
          className="primary"
          disabled={!ready || Boolean(progress)}
          onClick={publish}
        >
          Publish
        </button>
      ) : (
        <p className="muted">Publishing needs the entity:publish permission.</p>
      )}
      {progress ? (
        <div
          className="progress"
          role="progressbar"
          aria-valuemin={0}
          aria-valuemax={progress.total}
          aria-valuenow={progress.index}
        >
          <div
            style={{ width: `${progress.total ? (100 * progress.index) / progress.total : 0}%` }}
          />
          <span>{progress.summary}</span>
        </div>
      ) : null}
      {message ? <p role="status">{message}</p> : null}
    </section>
  );
}
