/**
 * Renders precompiled templates and formats what they wrote, on a worker thread with memory
 * limits (see renderer.ts). Only the Handlebars runtime is here: nothing is compiled from text,
 * prototype access stays denied (Handlebars's default), and the one helper writes JSON.
 */
import { parentPort } from 'node:worker_threads';

import type HandlebarsFull from 'handlebars';
import runtime from 'handlebars/runtime.js';

import { formatFile } from '../format';

// The runtime build is the full library without its compiler; its own typings are empty.
const Handlebars = runtime as unknown as typeof HandlebarsFull;

export interface RenderJob {
  id: number;
  specs: Record<string, string>;
  /** Each file's template, its context, and its path (which says how to format it). */
  items: { template: string; context: unknown; path: string }[];
}

export type RenderAnswer =
  | { id: number; outputs: string[] }
  | { id: number; error: { message: string; template: string; line?: number } };

const env = Handlebars.create();
env.registerHelper('json', (value: unknown) => JSON.stringify(value));

const compiled = new Map<string, Handlebars.TemplateDelegate>();

function templateOf(spec: string): Handlebars.TemplateDelegate {
  let template = compiled.get(spec);
  if (!template) {
    // A precompiled spec is JavaScript that Handlebars.precompile wrote from our templates.
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- a spec Handlebars.precompile wrote
    const load = new Function(`return ${spec}`) as () => TemplateSpecification;
    template = env.template(load());
    compiled.set(spec, template);
  }
  return template;
}

type TemplateSpecification = Parameters<typeof env.template>[0];

parentPort!.on('message', (job: RenderJob) => void answer(job));

async function answer(job: RenderJob) {
  const outputs: string[] = [];
  for (const item of job.items) {
    try {
      const spec = job.specs[item.template];
      if (spec === undefined) throw new Error(`No template ${item.template}`);
      const text = templateOf(spec)(item.context);
      outputs.push(
        await formatFile(item.path, text).catch((error: Error) => {
          throw new Error(
            `what it wrote for ${item.path} does not parse: ${error.message.split('\n')[0]}`,
          );
        }),
      );
    } catch (error) {
      const message = (error as Error).message;
      const line = /line (\d+)|:(\d+):/.exec(message);
      parentPort!.postMessage({
        id: job.id,
        error: {
          message,
          template: item.template,
          ...(line ? { line: Number(line[1] ?? line[2]) } : {}),
        },
      } satisfies RenderAnswer);
      return;
    }
  }
  parentPort!.postMessage({ id: job.id, outputs } satisfies RenderAnswer);
}
