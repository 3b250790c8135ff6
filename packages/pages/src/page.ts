/**
 * The default data page of one entity: an amis `page` with a `crud` against the runtime, its
 * columns, create and edit dialogs whose controls and validation come from the model, bulk
 * delete and inline quick-save. What the caller may not do is left out (no create button
 * without create permission, no hidden fields).
 */
import { type Entity, type ModelDocument, relationField } from '@tessera/meta';

import { type AmisObject, column, filterControls, formControl } from './controls';

export interface PageAccess {
  create: boolean;
  update: boolean;
  delete: boolean;
  /** Readable fields; null for all. */
  readable: ReadonlySet<string> | null;
  /** Writable fields; null for all. */
  writable: ReadonlySet<string> | null;
}

export const FULL_PAGE_ACCESS: PageAccess = {
  create: true,
  update: true,
  delete: true,
  readable: null,
  writable: null,
};

export interface PageOptions {
  /** The runtime's base URL as the browser reaches it. */
  runtimeUrl: string;
  access?: PageAccess;
}

const allows = (set: ReadonlySet<string> | null, name: string) => set === null || set.has(name);

export function entityPage(doc: ModelDocument, entity: Entity, options: PageOptions): AmisObject {
  const access = options.access ?? FULL_PAGE_ACCESS;
  const base = `${options.runtimeUrl}/api/v1/${doc.project}/${entity.code}`;
  const fields = entity.fields.filter((f) => allows(access.readable, f.code));
  const toOne = doc.relations.filter((r) => r.type !== 'many-to-many' && r.from === entity.code);
  const title = entity.name ?? entity.code;
  const formBody = (writable: ReadonlySet<string> | null): AmisObject[] => [
    ...fields
      .filter((f) => allows(writable, f.code))
      .map(formControl)
      .filter((c): c is AmisObject => c !== null),
    ...toOne
      .filter(
        (r) => allows(writable, relationField(r)) && allows(access.readable, relationField(r)),
      )
      .map((r) =>
        relationPicker(doc, r.to, relationField(r), options.runtimeUrl, r.required === true),
      ),
  ];
  const form = (api: string): AmisObject => ({
    type: 'form',
    api,
    body: formBody(access.writable),
  });
  const columns: AmisObject[] = [
    ...fields.map((f) => ({
      ...column(f, f.indexed === true || f.unique === true),
      ...(access.update && allows(access.writable, f.code) && formControl(f)
        ? { quickEdit: { ...formControl(f), label: false } }
        : {}),
    })),
    ...toOne
      .filter((r) => allows(access.readable, relationField(r)))
      .map((r) => ({ name: relationField(r), label: relationField(r), type: 'text' })),
  ];
  const buttons: AmisObject[] = [];
  if (access.update)
    buttons.push({
      type: 'button',
      label: 'Edit',
      actionType: 'dialog',
      dialog: { title: `Edit ${title}`, body: form(`put:${base}/\${id}`) },
    });
  if (access.delete)
    buttons.push({
      type: 'button',
      label: 'Delete',
      level: 'danger',
      actionType: 'ajax',
      confirmText: `Delete this ${title}?`,
      api: `delete:${base}/\${id}`,
    });
  if (buttons.length) columns.push({ type: 'operation', label: 'Actions', buttons });
  const filters = fields.flatMap(filterControls);
  const headerToolbar: (string | AmisObject)[] = ['bulkActions'];
  if (access.create)
    headerToolbar.push({
      type: 'button',
      label: `New ${title}`,
      level: 'primary',
      actionType: 'dialog',
      dialog: { title: `New ${title}`, body: form(`post:${base}`) },
    });
  headerToolbar.push({
    type: 'button',
    label: 'Export CSV',
    actionType: 'url',
    url: `${base}/export?format=csv`,
    blank: true,
  });
  headerToolbar.push('columns-toggler');
  return {
    type: 'page',
    title,
    body: [
      {
        type: 'crud',
        name: entity.code,
        api: `get:${base}`,
        primaryField: 'id',
        perPage: 20,
        syncLocation: false,
        ...(filters.length
          ? {
              filter: {
                title: 'Filter',
                body: [
                  { type: 'input-text', name: 'keywords', label: 'Search', clearable: true },
                  ...filters,
                ],
              },
            }
          : {}),
        ...(access.update ? { quickSaveApi: `post:${base}/bulk` } : {}),
        ...(access.delete
          ? {
              bulkActions: [
                {
                  type: 'button',
                  label: 'Delete selected',
                  level: 'danger',
                  actionType: 'ajax',
                  confirmText: 'Delete the selected rows?',
                  api: `delete:${base}?ids=\${ids}`,
                },
              ],
            }
          : {}),
        headerToolbar,
        footerToolbar: ['statistics', 'switch-per-page', 'pagination'],
        columns,
      },
    ],
  };
}

/** A select that searches the related entity and keeps its id. */
function relationPicker(
  doc: ModelDocument,
  target: string,
  name: string,
  runtimeUrl: string,
  required: boolean,
): AmisObject {
  const entity = doc.entities.find((e) => e.code === target);
  const labelField =
    entity?.fields.find((f) => f.type === 'string' || f.type === 'email')?.code ?? 'id';
  return {
    type: 'select',
    name,
    label: name,
    ...(required ? { required: true } : {}),
    clearable: true,
    searchable: true,
    labelField,
    valueField: 'id',
    autoComplete: `get:${runtimeUrl}/api/v1/${doc.project}/${target}?keywords=\${term}&perPage=20`,
    // The runtime answers `data.items`, which amis's select takes as its options.
    source: `get:${runtimeUrl}/api/v1/${doc.project}/${target}?perPage=20`,
  };
}
