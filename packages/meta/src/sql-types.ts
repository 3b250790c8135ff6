/** How each field type is stored in PostgreSQL. */
import { type Field, ZDefaultFunction } from './fields';

export function columnType(field: Field): string {
  switch (field.type) {
    case 'string':
      return `varchar(${field.length})`;
    case 'text':
      return 'text';
    case 'email':
      return 'varchar(254)';
    case 'url':
      return 'varchar(2048)';
    case 'integer':
      return 'integer';
    case 'bigint':
      return 'bigint';
    case 'decimal':
      return `numeric(${field.precision},${field.scale})`;
    case 'float':
      return 'double precision';
    case 'boolean':
      return 'boolean';
    case 'date':
      return 'date';
    case 'datetime':
      return 'timestamptz';
    case 'time':
      return 'time';
    case 'uuid':
      return 'uuid';
    case 'json':
      return 'jsonb';
    case 'enum':
      return 'text';
    case 'enum-multi':
      return 'text[]';
    case 'computed':
      switch (field.resultType) {
        case 'decimal':
          return field.precision ? `numeric(${field.precision},${field.scale ?? 0})` : 'numeric';
        case 'float':
          return 'double precision';
        case 'datetime':
          return 'timestamptz';
        default:
          return field.resultType;
      }
  }
}

/** A SQL literal for a validated value. Text is single-quoted with quotes doubled. */
export function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('Not a finite number');
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') {
    if (value.includes('\0')) throw new Error('Text contains a NUL byte');
    return `'${value.replace(/'/g, "''")}'`;
  }
  if (Array.isArray(value)) return `ARRAY[${value.map(sqlLiteral).join(', ')}]::text[]`;
  return `${sqlLiteral(JSON.stringify(value))}::jsonb`;
}

/** The column default clause for a field, or null. */
export function defaultExpression(field: Field): string | null {
  const value = field.default;
  if (value === undefined) return null;
  const fn = ZDefaultFunction.safeParse(value);
  if (fn.success && field.type !== 'json') {
    if (fn.data.fn === 'uuid') return 'gen_random_uuid()';
    return field.type === 'date'
      ? 'CURRENT_DATE'
      : field.type === 'time'
        ? 'LOCALTIME'
        : 'CURRENT_TIMESTAMP';
  }
  if (field.type === 'json') return `${sqlLiteral(JSON.stringify(value))}::jsonb`;
  const literal = sqlLiteral(value);
  return field.type === 'enum-multi' || field.type === 'string' || field.type === 'text'
    ? literal
    : `${literal}::${columnType(field)}`;
}
