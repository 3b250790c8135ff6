/** Argument parsing and dispatch; returns the exit code (0 ok, 1 failed, 2 usage). */
import { parseArgs } from 'node:util';

import { TRPCClientError } from '@trpc/client';

import { createApiClient } from './client';
import { parseCliEnv } from './env';
import {
  ejectCommand,
  exportCommand,
  importCommand,
  type Io,
  loginCommand,
  planCommand,
  publishCommand,
  typesCommand,
} from './commands';

const USAGE = `Usage:
  tessera login <email>
  tessera schema export <project> [--format yaml|json] [--out file]
  tessera schema import <project> <file>
  tessera schema plan <project>
  tessera schema publish <project> [--confirm id,id] [--yes]
  tessera eject <project> --out <dir> [--target nestjs-prisma|amis-pages] [--service-url url] [--dry-run] [--force]
    (over an earlier ejection: regenerates, keeping the developer's edits; exit 3 on conflicts)
  tessera types <project> [--out file]
    (TypeScript types and zod schemas of the published model, as your data permissions allow)
Environment: TESSERA_URL (default http://localhost:3000), TESSERA_TOKEN, TESSERA_PASSWORD`;

export async function run(
  argv: string[],
  source: Record<string, string | undefined>,
  io: Io,
): Promise<number> {
  const env = parseCliEnv(source);
  if ('error' in env) {
    io.err(`Invalid environment variables:\n${env.error}`);
    return 2;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'yaml' },
        out: { type: 'string' },
        confirm: { type: 'string', default: '' },
        yes: { type: 'boolean', default: false },
        target: { type: 'string', default: 'nestjs-prisma' },
        force: { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
        'service-url': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    io.err(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [group, command, project, file] = positionals;
  const url = env.TESSERA_URL;
  const api = createApiClient({ url, token: env.TESSERA_TOKEN });
  if (values.help || !group) {
    io.out(USAGE);
    return values.help ? 0 : 2;
  }
  try {
    if (group === 'login' && command) {
      const password = env.TESSERA_PASSWORD ?? (await readStdin());
      await loginCommand(io, { url, email: command, password: password.trim() });
      return 0;
    }
    if (group === 'eject' && command) {
      if (!values.out) {
        io.err(`--out <dir> is required\n${USAGE}`);
        return 2;
      }
      if (values.target !== 'nestjs-prisma' && values.target !== 'amis-pages') {
        io.err('--target is nestjs-prisma or amis-pages');
        return 2;
      }
      return await ejectCommand(api, io, {
        project: command,
        out: values.out,
        target: values.target,
        force: values.force,
        dryRun: values['dry-run'],
        serviceUrl: values['service-url'],
      });
    }
    if (group === 'types' && command) {
      await typesCommand(api, io, { project: command, out: values.out });
      return 0;
    }
    if (group !== 'schema' || !command || !project) {
      io.err(USAGE);
      return 2;
    }
    if (values.format !== 'yaml' && values.format !== 'json') {
      io.err('--format is yaml or json');
      return 2;
    }
    switch (command) {
      case 'export':
        await exportCommand(api, io, { project, format: values.format, out: values.out });
        return 0;
      case 'import':
        if (!file) break;
        await importCommand(api, io, { project, file });
        return 0;
      case 'plan':
        await planCommand(api, io, { project });
        return 0;
      case 'publish':
        await publishCommand(api, io, {
          project,
          confirm: values.confirm.split(',').filter(Boolean),
          yes: values.yes,
        });
        return 0;
    }
    io.err(USAGE);
    return 2;
  } catch (error) {
    if (error instanceof TRPCClientError) {
      const data = error.data as
        { fieldErrors?: Record<string, string> | null; httpStatus?: number } | undefined;
      io.err(`Error${data?.httpStatus ? ` (${data.httpStatus})` : ''}: ${error.message}`);
      for (const [key, message] of Object.entries(data?.fieldErrors ?? {}))
        io.err(`  ${key}: ${message}`);
    } else io.err(`Error: ${(error as Error).message}`);
    return 1;
  }
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new Error('Set TESSERA_PASSWORD or pipe the password on stdin');
  let data = '';
  for await (const chunk of process.stdin) data += String(chunk);
  return data;
}
