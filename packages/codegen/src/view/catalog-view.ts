/**
 * What the ejected service expects of its database: every table, column (PostgreSQL's own
 * spelling of its type, and whether it may be null) and named index or constraint the platform's
 * publish creates. `pnpm db:check` compares the database with it.
 */
import { columnType, createProjectDdl, type Entity, type ModelDocument } from '@tessera/meta';
import { junctionColumns, junctionTable, relationField } from '@tessera/meta';

export interface ExpectedColumn {
  name: string;
  type: string;
  nullable: boolean;
}

export interface ExpectedTable {
  name: string;
  columns: ExpectedColumn[];
}

const DEFAULT_SYSTEM = ['created_at', 'updated_at', 'created_by', 'updated_by', 'version'];
const SYSTEM_TYPES: Record<string, ExpectedColumn> = {
  created_at: { name: 'created_at', type: 'timestamptz', nullable: false },
  updated_at: { name: 'updated_at', type: 'timestamptz', nullable: false },
  created_by: { name: 'created_by', type: 'uuid', nullable: true },
  updated_by: { name: 'updated_by', type: 'uuid', nullable: true },
  version: { name: 'version', type: 'integer', nullable: false },
};

/** `format_type`'s spelling of the types the platform's DDL writes. */
function pgType(sql: string): string {
  return sql
    .replace(/^varchar\((\d+)\)$/, 'character varying($1)')
    .replace(/^timestamptz$/, 'timestamp with time zone')
    .replace(/^time$/, 'time without time zone');
}

function tableOf(doc: ModelDocument, entity: Entity): ExpectedTable {
  const columns: ExpectedColumn[] = [{ name: 'id', type: 'uuid', nullable: false }];
  for (const code of entity.systemFields ?? DEFAULT_SYSTEM) columns.push(SYSTEM_TYPES[code]!);
  if (entity.softDelete) columns.push({ name: 'deleted_at', type: 'timestamptz', nullable: true });
  for (const field of entity.fields)
    columns.push({
      name: field.code,
      type: columnType(field),
      nullable: !field.required || field.type === 'computed',
    });
  for (const r of doc.relations)
    if (r.type !== 'many-to-many' && r.from === entity.code)
      columns.push({ name: relationField(r), type: 'uuid', nullable: !r.required });
  const junction = doc.relations.find(
    (r) => r.type === 'many-to-many' && junctionTable(r) === entity.code,
  );
  if (junction) {
    const cols = junctionColumns(junction);
    columns.push(
      { name: cols.from, type: 'uuid', nullable: false },
      { name: cols.to, type: 'uuid', nullable: false },
    );
  }
  return { name: entity.code, columns: columns.map((c) => ({ ...c, type: pgType(c.type) })) };
}

export function catalogView(doc: ModelDocument) {
  const ddl = createProjectDdl(doc).map((s) => s.sql);
  const names = ddl.flatMap((sql) =>
    [...sql.matchAll(/(?:CREATE (?:UNIQUE )?INDEX|ADD CONSTRAINT|CONSTRAINT) "([^"]+)"/g)].map(
      (m) => m[1]!,
    ),
  );
  return { tables: doc.entities.map((e) => tableOf(doc, e)), objects: [...new Set(names)].sort() };
}
