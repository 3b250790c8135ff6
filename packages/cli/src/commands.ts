/** `tessera schema export|import|plan|publish`, `tessera eject`, `tessera types` and `tessera login`. */
import { readFile, writeFile } from 'node:fs/promises';

import { ejectionSource, writeFiles } from '@tessera/codegen/write';
import { formatTypes } from '@tessera/runtime-core';

import type { ApiClient } from './client';

export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

interface PlanLike {
  steps: {
    id: string;
    summary: string;
    risk: string;
    rows?: number;
    reason?: string;
    conversion?: { summary: string };
  }[];
}

const MARK: Record<string, string> = { safe: '✓', 'needs-confirmation': '!', blocked: '✗' };

/** Ejected entities a publish changes: their service must be regenerated to serve it. */
export function printRegenerate(
  regenerate: readonly string[] | undefined,
  project: string,
  io: Io,
) {
  if (!regenerate?.length) return;
  io.out(
    `Ejected: ${regenerate.join(', ')} ${regenerate.length === 1 ? 'is' : 'are'} served by the project's service: regenerate it (tessera eject ${project} --out <its folder>) and deploy it.`,
  );
}

export function printPlan(plan: PlanLike, io: Io) {
  if (plan.steps.length === 0) {
    io.out('Nothing to change: the database matches the model.');
    return;
  }
  for (const step of plan.steps) {
    io.out(
      `${MARK[step.risk] ?? '?'} ${step.id}  ${step.summary}${step.rows !== undefined ? `  [${step.rows} row(s)]` : ''}`,
    );
    if (step.reason) io.out(`    ${step.risk}: ${step.reason}`);
    if (step.conversion) io.out(`    confirm to convert: ${step.conversion.summary}`);
  }
  const attention = plan.steps.filter((s) => s.risk !== 'safe').length;
  io.out(`${plan.steps.length} step(s), ${attention} needing confirmation or blocked.`);
}

export async function exportCommand(
  api: ApiClient,
  io: Io,
  args: { project: string; format: 'yaml' | 'json'; out?: string },
) {
  const { text } = await api.schema.export.query({ project: args.project, format: args.format });
  if (args.out) {
    await writeFile(args.out, text);
    io.out(`Wrote ${args.out}`);
  } else io.out(text.trimEnd());
}

/**
 * TypeScript for the published model (rows, inputs, filters, zod schemas, the model map for
 * `@tessera/client`), as the caller's data permissions allow: to a file, or printed.
 */
export async function typesCommand(
  api: ApiClient,
  io: Io,
  args: { project: string; out?: string },
) {
  const { version, text } = await api.schema.types.query({ project: args.project });
  const formatted = await formatTypes(text);
  if (args.out) {
    await writeFile(args.out, formatted);
    io.out(`Wrote ${args.out} (${args.project}, version ${version})`);
  } else io.out(formatted.trimEnd());
}

export async function importCommand(
  api: ApiClient,
  io: Io,
  args: { project: string; file: string },
) {
  const document = await readFile(args.file, 'utf8');
  const plan = await api.schema.import.mutate({ project: args.project, document });
  io.out(`Imported ${args.file} as the draft of '${args.project}'. Plan:`);
  printPlan(plan, io);
}

export async function planCommand(api: ApiClient, io: Io, args: { project: string }) {
  const plan = await api.schema.plan.query({ project: args.project });
  printPlan(plan, io);
  printRegenerate(plan.regenerate, args.project, io);
}

/** Publishes; `--confirm` names the risky steps accepted, `--yes` accepts every confirmable one. */
export async function publishCommand(
  api: ApiClient,
  io: Io,
  args: { project: string; confirm: string[]; yes: boolean },
) {
  let confirm = args.confirm;
  if (args.yes) {
    const plan = await api.schema.plan.query({ project: args.project });
    confirm = plan.steps
      .filter((s) => s.risk === 'needs-confirmation' || (s.risk === 'blocked' && s.conversion))
      .map((s) => s.id);
  }
  const { version, plan, regenerate } = await api.schema.publish.mutate({
    project: args.project,
    confirm,
  });
  io.out(`Published '${args.project}' as version ${version} (${plan.steps.length} step(s)).`);
  printRegenerate(regenerate, args.project, io);
}

export async function loginCommand(io: Io, args: { url: string; email: string; password: string }) {
  const res = await fetch(`${args.url.replace(/\/+$/, '')}/api/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: args.email, password: args.password }),
  });
  const body = (await res.json()) as { token?: string; msg?: string; expiresAt?: string };
  if (!res.ok || !body.token) throw new Error(body.msg ?? `Sign-in failed (${res.status})`);
  io.out(body.token);
  io.err(`Token valid until ${body.expiresAt}. Use it as TESSERA_TOKEN.`);
}

/**
 * Ejects a published project into `out`, or regenerates an earlier ejection there: the files the
 * server generates, each written as the regeneration plan says (see `@tessera/codegen/write`),
 * and the list of what happened to each. A folder that is neither empty nor an earlier
 * ejection is refused unless forced. Returns the exit code: 3 when a file was written with
 * conflict markers (both the developer and the new generation changed the same lines).
 */
export async function ejectCommand(
  api: ApiClient,
  io: Io,
  args: {
    project: string;
    out: string;
    target: 'nestjs-prisma' | 'amis-pages';
    force: boolean;
    dryRun: boolean;
    serviceUrl?: string;
  },
): Promise<number> {
  // Regenerating: the service's migrations carry on from the version it was first ejected at.
  const earlier = await ejectionSource(args.out);
  const base =
    args.target === 'nestjs-prisma' &&
    earlier?.project === args.project &&
    earlier.target === args.target
      ? (earlier.base ?? earlier.version)
      : undefined;
  const preview = await api.codegen.preview.query({
    project: args.project,
    target: args.target,
    contents: true,
    serviceUrl: args.serviceUrl,
    ...(base !== undefined ? { base } : {}),
  });
  const report = await writeFiles(args.out, preview.contents ?? [], {
    force: args.force,
    dryRun: args.dryRun,
    source: {
      project: args.project,
      version: preview.version,
      base: preview.base,
      target: args.target,
    },
  });
  for (const file of report.files)
    if (file.action !== 'unchanged')
      io.out(`${file.action.padEnd(9)}${file.path}  (${file.reason})`);
  const counts = Object.entries(
    report.files.reduce<Record<string, number>>(
      (n, f) => ({ ...n, [f.action]: (n[f.action] ?? 0) + 1 }),
      {},
    ),
  )
    .map(([action, n]) => `${n} ${action}`)
    .join(', ');
  io.out(
    `${args.dryRun ? 'Would regenerate' : 'Ejected'} '${args.project}' (version ${preview.version}, ${args.target}) into ${args.out}: ${counts}.${args.dryRun ? ' Nothing was written.' : ` Next: see ${args.out}/README.md`}`,
  );
  if (report.conflicts.length) {
    io.err(
      `${report.conflicts.length} file(s) ${args.dryRun ? 'would have' : 'have'} conflicts to resolve (between <<<<<<< yours and >>>>>>> generated): ${report.conflicts.join(', ')}`,
    );
    return 3;
  }
  return 0;
}
