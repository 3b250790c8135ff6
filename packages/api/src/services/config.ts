/** Typed system configuration: each key has a type and its JSON value must match it. */
import { type Prisma } from '@tessera/db';
import { AppError } from '@tessera/errors';
import {
  AUDIT_KEY,
  METADATA_CHANNEL,
  RATE_LIMIT_KEY,
  RUNTIME_SETTINGS_PREFIX,
} from '@tessera/runtime-core';
import { z } from 'zod';

import { writeAudit } from '../audit/write-audit';
import type { AuthedContext } from './types';

const configSelect = {
  key: true,
  type: true,
  value: true,
  description: true,
  updatedAt: true,
} satisfies Prisma.SystemConfigSelect;

export type ConfigType = 'string' | 'number' | 'boolean' | 'json';

const valueSchemas: Record<ConfigType, z.ZodType> = {
  string: z.string(),
  number: z.number().finite(),
  boolean: z.boolean(),
  json: z.json(),
};

/** Runtime settings are read by every runtime: only known keys, with sensible values. */
function checkRuntimeSetting(key: string, type: ConfigType, value: unknown) {
  if (AUDIT_KEY.test(key)) {
    if (type !== 'boolean' || typeof value !== 'boolean')
      throw new AppError('VALIDATION', `'${key}' is true or false`, {
        fieldErrors: { value: 'true or false' },
      });
    return;
  }
  if (!RATE_LIMIT_KEY.test(key))
    throw new AppError(
      'VALIDATION',
      `'${key}' is not a runtime setting; use runtime.rateLimit[.<project>].perMinute or runtime.audit[.<project>]`,
      { fieldErrors: { key: 'Unknown runtime setting' } },
    );
  if (type !== 'number' || typeof value !== 'number' || !Number.isInteger(value) || value < 1)
    throw new AppError('VALIDATION', `'${key}' must be a whole number of requests from 1`, {
      fieldErrors: { value: 'A whole number from 1' },
    });
}

/** Runtimes reload their settings with the models. */
async function announceRuntimeSettings(ctx: AuthedContext) {
  await ctx.db.$executeRaw`SELECT pg_notify(${METADATA_CHANNEL}, '{"settings":true}')`;
}

export async function listConfig(ctx: AuthedContext) {
  return ctx.db.systemConfig.findMany({ select: configSelect, orderBy: { key: 'asc' } });
}

export async function setConfig(
  ctx: AuthedContext,
  input: { key: string; type?: ConfigType; value: unknown; description?: string },
) {
  const before = await ctx.db.systemConfig.findUnique({
    where: { key: input.key },
    select: configSelect,
  });
  const type = input.type ?? before?.type;
  if (!type)
    throw new AppError('VALIDATION', `New key '${input.key}' needs a type`, {
      fieldErrors: { type: 'Choose a type' },
    });
  if (before && input.type && input.type !== before.type) {
    throw new AppError(
      'VALIDATION',
      `'${input.key}' is a ${before.type}; delete it to change its type`,
      { fieldErrors: { type: `Must stay ${before.type}` } },
    );
  }
  if (input.key.startsWith(RUNTIME_SETTINGS_PREFIX))
    checkRuntimeSetting(input.key, type, input.value);
  const parsed = valueSchemas[type].safeParse(input.value);
  if (!parsed.success)
    throw new AppError('VALIDATION', `'${input.key}' must be a ${type}`, {
      fieldErrors: { value: `Must be a ${type}` },
    });
  const value = parsed.data as Prisma.InputJsonValue;
  const after = await ctx.db.systemConfig.upsert({
    where: { key: input.key },
    create: {
      key: input.key,
      type,
      value,
      description: input.description ?? '',
      updatedBy: ctx.principal.user.id,
    },
    update: { value, description: input.description, updatedBy: ctx.principal.user.id },
    select: configSelect,
  });
  if (input.key.startsWith(RUNTIME_SETTINGS_PREFIX)) await announceRuntimeSettings(ctx);
  await writeAudit(ctx.db, ctx, {
    action: before ? 'config.update' : 'config.create',
    resource: 'config',
    resourceId: input.key,
    before,
    after,
  });
  return after;
}

export async function deleteConfig(ctx: AuthedContext, key: string) {
  const before = await ctx.db.systemConfig.findUnique({ where: { key }, select: configSelect });
  if (!before) throw new AppError('NOT_FOUND', `No configuration key '${key}'`);
  await ctx.db.systemConfig.delete({ where: { key }, select: { key: true } });
  if (key.startsWith(RUNTIME_SETTINGS_PREFIX)) await announceRuntimeSettings(ctx);
  await writeAudit(ctx.db, ctx, {
    action: 'config.delete',
    resource: 'config',
    resourceId: key,
    before,
  });
}
