/** How each field type is declared in a Prisma schema, over the column the platform publishes. */
import { defaultExpression, type Field } from '@tessera/meta';

/** The Prisma type and native type attribute of a field's column. */
export function prismaType(field: Field): { type: string; native: string | null } {
  switch (field.type) {
    case 'string':
      return { type: 'String', native: `@db.VarChar(${field.length})` };
    case 'email':
      return { type: 'String', native: '@db.VarChar(254)' };
    case 'url':
      return { type: 'String', native: '@db.VarChar(2048)' };
    case 'text':
    case 'enum':
      return { type: 'String', native: null };
    case 'enum-multi':
      return { type: 'String[]', native: null };
    case 'integer':
      return { type: 'Int', native: null };
    case 'bigint':
      return { type: 'BigInt', native: null };
    case 'decimal':
      return { type: 'Decimal', native: `@db.Decimal(${field.precision}, ${field.scale})` };
    case 'float':
      return { type: 'Float', native: null };
    case 'boolean':
      return { type: 'Boolean', native: null };
    case 'date':
      return { type: 'DateTime', native: '@db.Date' };
    case 'datetime':
      return { type: 'DateTime', native: '@db.Timestamptz(6)' };
    case 'time':
      return { type: 'DateTime', native: '@db.Time(6)' };
    case 'uuid':
      return { type: 'String', native: '@db.Uuid' };
    case 'json':
      return { type: 'Json', native: null };
    case 'computed':
      switch (field.resultType) {
        case 'text':
          return { type: 'String', native: null };
        case 'integer':
          return { type: 'Int', native: null };
        case 'bigint':
          return { type: 'BigInt', native: null };
        case 'decimal':
          return {
            type: 'Decimal',
            native: field.precision ? `@db.Decimal(${field.precision}, ${field.scale ?? 0})` : null,
          };
        case 'float':
          return { type: 'Float', native: null };
        case 'boolean':
          return { type: 'Boolean', native: null };
        case 'date':
          return { type: 'DateTime', native: '@db.Date' };
        case 'datetime':
          return { type: 'DateTime', native: '@db.Timestamptz(6)' };
      }
  }
}

/**
 * The `@default` of a field: a literal where Prisma has one, else the very SQL expression the
 * platform's DDL uses, so a row created by either gets the same value.
 */
export function prismaDefault(field: Field): string | null {
  const value = field.default;
  if (value === undefined || field.type === 'computed') return null;
  if (
    typeof value === 'string' &&
    field.type !== 'json' &&
    !['date', 'datetime', 'time', 'uuid'].includes(field.type)
  )
    return `@default(${JSON.stringify(value)})`;
  if ((typeof value === 'number' || typeof value === 'boolean') && field.type !== 'json')
    return `@default(${String(value)})`;
  const sql = defaultExpression(field);
  return sql ? `@default(dbgenerated(${JSON.stringify(sql)}))` : null;
}
