/**
 * Conversions between column types. A retype converts through text with the target type's
 * own input rules, so a dry run can count exactly the values that would not convert: the same
 * cast, tried row by row in a temporary function that is gone at the end of the session.
 */
import { quoteIdent } from '../names';

export const CAN_CAST_FUNCTION = `CREATE OR REPLACE FUNCTION pg_temp.tessera_can_cast(value text, target text) RETURNS boolean
LANGUAGE plpgsql AS $fn$
BEGIN
  EXECUTE format('SELECT %L::%s', value, target);
  RETURN true;
EXCEPTION WHEN others THEN
  RETURN false;
END
$fn$`;

const VARCHAR = /^varchar\((\d+)\)$/;

/** A predicate true for rows whose non-null value would not convert to `targetType`. */
export function failsToConvert(column: string, targetType: string): string {
  const c = quoteIdent(column);
  const varchar = VARCHAR.exec(targetType);
  // An explicit cast to varchar(n) truncates silently; the conversion instead refuses long values.
  if (varchar) return `(${c} IS NOT NULL AND char_length(${c}::text) > ${Number(varchar[1])})`;
  return `(${c} IS NOT NULL AND NOT pg_temp.tessera_can_cast(${c}::text, '${targetType}'))`;
}

/** The USING expression of the conversion the dry run checked. */
export function conversionExpression(column: string, targetType: string): string {
  const c = quoteIdent(column);
  return VARCHAR.test(targetType) ? `${c}::text` : `(${c}::text)::${targetType}`;
}
