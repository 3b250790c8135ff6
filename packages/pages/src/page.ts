/**
 * The default data page of one entity: an amis `page` with a `crud` against the runtime, its
 * columns, create and edit dialogs whose controls and validation come from the model, bulk
 * delete and inline quick-save. What the caller may not do is left out (no create button
 * without create permission, no hidden fields).
 */
import { type Entity, type ModelDocument, relationField } from '@tessera/meta';

import { type AmisObject, column, filterControls, formControl } from './controls';
import { detail } from './detail';
import { labelAdaptor, relationLabels, relationPicker, toOneRelations } from './relations';
import { htmlText, plainText } from './text';

/** amis response adaptor (function body): a refused import's line errors, under `file`. */
const IMPORT_ERRORS_UNDER_FILE = [
  'if (payload.status !== 0 && payload.errors) {',
  "  payload.errors = { file: Object.entries(payload.errors).map(function (e) { return e[0] + ': ' + e[1]; }).join('\\n') };",
  '}',
  'return payload;',
].join('\n');

export interface PageAccess {
  create: boolean;
  update: boolean;
  delete: boolean;
  /** Readable fields; null for all. */
  readable: ReadonlySet<string> | null;
  /** Writable fields; null for all. */
  writable: ReadonlySet<string> | null;
  /**
   * Readable fields of the other entities (null for all), for labels of related rows; an
   * entity missing here may not be read. Undefined: every entity is readable.
   */
  related?: ReadonlyMap<string, ReadonlySet<string> | null>;
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

/** An entity's address in the runtime's data API. */
export const dataApiBase = (runtimeUrl: string, project: string, entity: string) =>
  `${runtimeUrl}/api/v1/${project}/${entity}`;

const allows = (set: ReadonlySet<string> | null, name: string) => set === null || set.has(name);

export function entityPage(doc: ModelDocument, entity: Entity, options: PageOptions): AmisObject {
  const access = options.access ?? FULL_PAGE_ACCESS;
  const base = dataApiBase(options.runtimeUrl, doc.project, entity.code);
  const fields = entity.fields.filter((f) => allows(access.readable, f.code));
  const toOne = toOneRelations(doc, entity);
  // Many-to-many lists on either side, picked as several ids.
  const manyToMany = doc.relations.flatMap((r) =>
    r.type !== 'many-to-many'
      ? []
      : r.from === entity.code
        ? [{ name: relationField(r), target: r.to }]
        : r.to === entity.code && r.inverse
          ? [{ name: r.inverse, target: r.from }]
          : [],
  );
  // Rows of other entities that point here (a customer's orders), shown in the detail drawer.
  const toMany = doc.relations.filter(
    (r) => r.type === 'many-to-one' && r.to === entity.code && r.inverse,
  );
  // The entity's name, as each property amis renders shows it as text (see text.ts).
  const name = entity.name ?? entity.code;
  const title = htmlText(name);
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
    ...manyToMany
      .filter((m) => allows(writable, m.name) && allows(access.readable, m.name))
      .map((m) => ({
        ...relationPicker(doc, m.target, m.name, options.runtimeUrl, false),
        multiple: true,
        joinValues: false,
        extractValue: true,
      })),
  ];
  const form = (api: string, editing = false): AmisObject => ({
    type: 'form',
    api,
    // The version read travels back: a row changed meanwhile is refused with 409 and amis
    // shows the runtime's "changed by someone else" message.
    body: [...(editing ? [{ type: 'hidden', name: 'version' }] : []), ...formBody(access.writable)],
  });
  // To-one columns show the related row's label, read with the list (`expand`) where the
  // caller may read the related entity and its label field.
  const labelled = relationLabels(doc, entity, access.related);
  const expand = Object.keys(labelled);
  const columns: AmisObject[] = [
    ...fields.map((f) => ({
      ...column(f, f.indexed === true || f.unique === true),
      ...(access.update && allows(access.writable, f.code) && formControl(f)
        ? { quickEdit: { ...formControl(f), label: false, saveImmediately: true } }
        : {}),
    })),
    ...toOne
      .filter((r) => allows(access.readable, relationField(r)))
      .map((r) => ({
        name: labelled[relationField(r)] ? `${relationField(r)}__label` : relationField(r),
        label: relationField(r),
        type: 'text',
      })),
  ];
  const buttons: AmisObject[] = [
    {
      type: 'button',
      label: 'Details',
      actionType: 'drawer',
      drawer: {
        type: 'drawer',
        title,
        size: 'lg',
        body: detail(doc, fields, toMany, base, access.related),
      },
    },
  ];
  if (access.update)
    buttons.push({
      type: 'button',
      label: 'Edit',
      actionType: 'dialog',
      dialog: {
        type: 'dialog',
        title: plainText(`Edit ${name}`),
        body: form(`put:${base}/\${id}`, true),
      },
    });
  if (access.delete)
    buttons.push({
      type: 'button',
      label: 'Delete',
      level: 'danger',
      actionType: 'ajax',
      confirmText: htmlText(`Delete this ${name}?`),
      api: `delete:${base}/\${id}`,
    });
  if (buttons.length) columns.push({ type: 'operation', label: 'Actions', buttons });
  // Filters per field type, and a searching picker per related entity (orders of a customer).
  const filters = [
    ...fields.flatMap(filterControls),
    ...toOne
      .filter((r) => allows(access.readable, relationField(r)))
      .map((r) => ({
        ...relationPicker(doc, r.to, `filter.${relationField(r)}._eq`, options.runtimeUrl, false),
        label: relationField(r),
      })),
  ];
  const headerToolbar: (string | AmisObject)[] = ['bulkActions'];
  if (access.create)
    headerToolbar.push({
      type: 'button',
      label: plainText(`New ${name}`),
      level: 'primary',
      actionType: 'dialog',
      dialog: { type: 'dialog', title: plainText(`New ${name}`), body: form(`post:${base}`) },
    });
  if (access.create)
    headerToolbar.push({
      type: 'button',
      label: 'Import CSV',
      actionType: 'dialog',
      dialog: {
        type: 'dialog',
        title: plainText(`Import ${name} rows`),
        body: {
          type: 'form',
          // The runtime reports problems by line; they are shown under the file control.
          api: {
            method: 'post',
            url: `${base}/import`,
            adaptor: IMPORT_ERRORS_UNDER_FILE,
          },
          body: [
            {
              type: 'input-file',
              name: 'file',
              label: 'CSV file',
              accept: '.csv',
              asBlob: true,
              required: true,
              description:
                'A header line names the fields. Every line is checked first: nothing is imported unless all are fine.',
            },
          ],
        },
      },
    });
  headerToolbar.push({
    type: 'button',
    label: 'Export CSV',
    actionType: 'url',
    url: `${base}/export?format=csv`,
    // The runtime answers with an attachment: the browser saves it and the page stays.
    blank: false,
  });
  headerToolbar.push('columns-toggler');
  return {
    type: 'page',
    title,
    body: [
      {
        type: 'crud',
        name: entity.code,
        api: expand.length
          ? {
              method: 'get',
              url: `${base}?expand=${expand.join(',')}`,
              adaptor: labelAdaptor(labelled),
            }
          : `get:${base}`,
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
        // An inline edit saves at once: the changed fields and the version read, so a row
        // changed meanwhile is refused (409) rather than overwritten.
        ...(access.update
          ? {
              quickSaveItemApi: {
                method: 'put',
                url: `${base}/\${id}`,
                data: { '&': '${modified}', version: '${version}' },
              },
            }
          : {}),
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
