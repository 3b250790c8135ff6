/**
 * Related rows on a data page: the field that names them, the pickers that search them, and
 * the list adaptor that shows their labels in to-one columns.
 */
import { type Entity, type ModelDocument, relationField } from '@tessera/meta';

import type { AmisObject } from './controls';

/** The field that names a row of `target` for people: its first text field, else its id. */
export function labelFieldOf(doc: ModelDocument, target: string): string {
  const entity = doc.entities.find((e) => e.code === target);
  return entity?.fields.find((f) => f.type === 'string' || f.type === 'email')?.code ?? 'id';
}

/** The relations by which a row of `entity` points at one row of another (an order's customer). */
export function toOneRelations(doc: ModelDocument, entity: Entity) {
  return doc.relations.filter((r) => r.type !== 'many-to-many' && r.from === entity.code);
}

/**
 * The to-one fields whose column shows the related row's label, each with the field that
 * labels it: only where the caller may read the related entity and that field (`related`
 * maps readable entities to their readable fields, null for all; undefined: all readable).
 */
export function relationLabels(
  doc: ModelDocument,
  entity: Entity,
  related?: ReadonlyMap<string, ReadonlySet<string> | null>,
): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const r of toOneRelations(doc, entity)) {
    const labelField = labelFieldOf(doc, r.to);
    const fieldsThere = related ? related.get(r.to) : null;
    if (fieldsThere === undefined || labelField === 'id') continue;
    if (fieldsThere === null || fieldsThere.has(labelField)) labels[relationField(r)] = labelField;
  }
  return labels;
}

/** What `labelAdaptor` does in the browser, for rows read on the server. */
export function labelRows(
  items: Record<string, unknown>[],
  labels: Record<string, string>,
): Record<string, unknown>[] {
  return items.map((row) => {
    const out = { ...row };
    for (const [k, labelField] of Object.entries(labels)) {
      const v = row[k];
      if (v && typeof v === 'object') {
        const related = v as Record<string, unknown>;
        out[`${k}__label`] = related[labelField];
        out[k] = related.id;
      }
    }
    return out;
  });
}

/**
 * amis response adaptor (function body) for the list: each expanded to-one row becomes its id
 * again (what the forms edit) plus `<field>__label`, what the column shows.
 */
export function labelAdaptor(labels: Record<string, string>): string {
  return [
    `var labels = ${JSON.stringify(labels)};`,
    'var items = (payload.data && payload.data.items) || [];',
    'items.forEach(function (row) {',
    '  Object.keys(labels).forEach(function (k) {',
    '    var v = row[k];',
    "    if (v && typeof v === 'object') { row[k + '__label'] = v[labels[k]]; row[k] = v.id; }",
    '  });',
    '});',
    'return payload;',
  ].join('\n');
}

/** A select that searches the related entity and keeps its id. */
export function relationPicker(
  doc: ModelDocument,
  target: string,
  name: string,
  runtimeUrl: string,
  required: boolean,
): AmisObject {
  const labelField = labelFieldOf(doc, target);
  // The runtime answers `data.items`; each row becomes an option labelled by its first text field.
  const options = (url: string) => ({
    method: 'get',
    url,
    responseData: { options: `\${items|pick:label~${labelField},value~id}` },
  });
  const list = `${runtimeUrl}/api/v1/${doc.project}/${target}`;
  return {
    type: 'select',
    name,
    label: name,
    ...(required ? { required: true } : {}),
    clearable: true,
    searchable: true,
    // amis asks this with an empty term when the control mounts (the first 20 rows), then with
    // what is typed; a `source` beside it would read the same rows a second time.
    autoComplete: options(`${list}?keywords=\${term}&perPage=20`),
  };
}
