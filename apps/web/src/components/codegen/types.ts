/** The codegen router's outputs, as the console's components receive them. */
import type { AppRouter } from '@tessera/api';
import type { inferRouterOutputs } from '@trpc/server';

type Outputs = inferRouterOutputs<AppRouter>['codegen'];

export type GenerationPlan = Outputs['plan'];
export type PlannedTarget = Extract<GenerationPlan, { ok: true }>['targets'][number];
export type PlannedFile = PlannedTarget['files'][number];
export type GenerationFailure = Extract<GenerationPlan, { ok: false }>['error'];
export type GenerationRun = Outputs['runs'][number];
export type TemplateList = Outputs['templates']['list'];
export type TemplatePreview = Outputs['templates']['preview'];
export type TemplateSource = Outputs['templates']['source'];
