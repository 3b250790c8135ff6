/**
 * Codes of projects, entities, fields and relations become PostgreSQL identifiers, URL segments
 * and identifiers in generated TypeScript. Every identifier is quoted in SQL, but a code must
 * still read safely everywhere it lands, so hostile and reserved words are refused by name.
 */
export const CODE_PATTERN = /^[a-z][a-z0-9_]{1,39}$/;

/** PostgreSQL's reserved key words (SQL:2016 column "reserved" in the PostgreSQL manual). */
const SQL_RESERVED = new Set(
  `all analyse analyze and any array as asc asymmetric authorization binary both case cast check
   collate collation column concurrently constraint create cross current_catalog current_date
   current_role current_schema current_time current_timestamp current_user default deferrable
   desc distinct do else end except false fetch for foreign freeze from full grant having ilike
   in initially inner intersect into is isnull join lateral leading left like limit localtime
   localtimestamp natural not notnull null offset on only or outer overlaps placing primary
   references returning right select session_user similar some symmetric system_user table
   tablesample then to trailing true union unique using variadic verbose when where window with
   delete drop insert update alter truncate`.split(/\s+/),
);

/**
 * Business nouns that are SQL key words but safe because every identifier is quoted. They are
 * too common in real models to refuse ("order" is in the shop example).
 */
const SQL_ALLOWED = new Set(['order', 'user', 'group']);

/** Words that break generated TypeScript or JavaScript objects. */
const JS_RESERVED = new Set(
  `break case catch class const continue debugger default delete do else enum export extends
   false finally for function if import in instanceof new null return super switch this throw
   true try typeof var void while with yield let static implements interface package private
   protected public await arguments eval undefined nan infinity constructor prototype
   hasownproperty isprototypeof propertyisenumerable tostring tolocalestring valueof`.split(/\s+/),
);

/** Schemas a project may not take. */
const RESERVED_SCHEMAS = new Set(['public', 'information_schema', 'tessera', 'platform']);
/** Path segments the runtime serves beside a project's entities (`/api/v1/{project}/changes`). */
const RESERVED_ENTITIES = new Set(['changes', 'openapi', 'docs']);

/** Columns every entity table carries; fields may not take these codes. */
export const SYSTEM_FIELD_CODES = [
  'id',
  'created_at',
  'updated_at',
  'created_by',
  'updated_by',
  'version',
  'deleted_at',
] as const;
export type SystemFieldCode = (typeof SYSTEM_FIELD_CODES)[number];
const SYSTEM_FIELDS = new Set<string>(SYSTEM_FIELD_CODES);

export type CodeKind = 'project' | 'entity' | 'field' | 'relation';

/** Returns why `code` cannot name a `kind`, or null when it can. */
export function codeProblem(kind: CodeKind, code: string): string | null {
  const shown = JSON.stringify(code.length > 60 ? `${code.slice(0, 60)}…` : code);
  if (!CODE_PATTERN.test(code)) {
    return `${kind} code ${shown} must be 2–40 characters: a lower-case letter, then lower-case letters, digits or _`;
  }
  if (kind === 'project' && RESERVED_SCHEMAS.has(code)) return `project code ${shown} is reserved`;
  if (kind === 'entity' && RESERVED_ENTITIES.has(code))
    return `entity code ${shown} is reserved for the runtime's own routes`;
  if (SQL_RESERVED.has(code) && !SQL_ALLOWED.has(code))
    return `${kind} code ${shown} is a reserved SQL word; choose another`;
  if (JS_RESERVED.has(code))
    return `${kind} code ${shown} is reserved in generated code; choose another`;
  if (code.startsWith('pg_'))
    return `${kind} code ${shown} may not start with pg_ (reserved by PostgreSQL)`;
  if (code.includes('__')) return `${kind} code ${shown} may not contain a double underscore`;
  if (code.endsWith('_trash') || code.startsWith('trash_'))
    return `${kind} code ${shown} is reserved for deleted data`;
  if (kind === 'field' && SYSTEM_FIELDS.has(code)) return `field code ${shown} is a system field`;
  return null;
}

export function isValidCode(kind: CodeKind, code: string): boolean {
  return codeProblem(kind, code) === null;
}

/** Quotes an identifier for PostgreSQL. Codes are validated first; this is defence in depth. */
export function quoteIdent(name: string): string {
  if (name.includes('\0')) throw new Error('Identifier contains a NUL byte');
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Model text (a name, a description) as it may stand inside a comment of generated code: on one
 * line, with nothing that ends the comment (`*\/`), so it stays text in a `/** … *\/` or `///`
 * comment whatever a modeller typed.
 */
export function commentText(text: string): string {
  return text
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(/\*\//g, '* /')
    .trim();
}
