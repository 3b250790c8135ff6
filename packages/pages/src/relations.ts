/**
 * Related rows on a data page: the field that names them, the pickers that search them, and
 * the list adaptor that shows their labels in to-one columns.
 */
import type { ModelDocument } from '@tessera/meta';

import type { AmisObject } from './controls';

/** The field that names a row of `target` for people: its first text field, else its id. */
export function labelFieldOf(doc: ModelDocument, target: string): string {
  const entity = doc.entities.find((e) => e.code === target);
  return entity?.fields.find((f) => f.type === 'string' || f.type === 'email')?.code ?? 'id';
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
    source: options(`${list}?perPage=20`),
    autoComplete: options(`${list}?keywords=\${term}&perPage=20`),
  };
}
