/**
 * One field of the model as amis sees it: a form control (with the field's validation rules),
 * a table column, and a filter control. Current amis keys only: `body`, `input-*` types.
 */
import type { Field } from '@tessera/meta';

import { PATTERN_MESSAGE, PATTERN_RULE } from './rules';
import { htmlText } from './text';

export type AmisObject = Record<string, unknown>;

/** A field's name as amis renders labels: as HTML, so escaped (see text.ts). */
const label = (field: Field) => htmlText(field.name ?? field.code);

/**
 * The validations amis checks in the browser, from the field's rules. Numbers carry their bounds
 * as validations, not as the control's `min`/`max`, which would silently clamp what was typed.
 */
function validations(field: Field): AmisObject {
  const v = field.validation ?? {};
  const rules: AmisObject = {};
  if (v.minLength !== undefined) rules.minLength = v.minLength;
  if (v.maxLength !== undefined) rules.maxLength = v.maxLength;
  if (field.type === 'string' && v.maxLength === undefined) rules.maxLength = field.length;
  if (v.pattern !== undefined) rules[PATTERN_RULE] = v.pattern;
  if (v.min !== undefined) rules.minimum = v.min;
  if (v.max !== undefined) rules.maximum = v.max;
  if (field.type === 'email') rules.isEmail = true;
  if (field.type === 'url') rules.isUrl = true;
  if (!Object.keys(rules).length) return {};
  return {
    validations: rules,
    ...(v.pattern !== undefined ? { validationErrors: { [PATTERN_RULE]: PATTERN_MESSAGE } } : {}),
  };
}

/** The form control that edits `field`; null for fields nobody edits (computed). */
export function formControl(field: Field): AmisObject | null {
  const common: AmisObject = {
    name: field.code,
    label: label(field),
    ...(field.required ? { required: true } : {}),
    ...(field.description ? { description: htmlText(field.description) } : {}),
    ...validations(field),
  };
  switch (field.type) {
    case 'string':
    case 'uuid':
      return { type: 'input-text', ...common };
    case 'text':
      return { type: 'textarea', ...common };
    case 'email':
      return { type: 'input-email', ...common };
    case 'url':
      return { type: 'input-url', ...common };
    case 'integer':
    case 'bigint':
      return { type: 'input-number', precision: 0, ...common };
    case 'decimal':
      return { type: 'input-number', precision: field.scale, ...common };
    case 'float':
      return { type: 'input-number', ...common };
    case 'boolean':
      return { type: 'switch', ...common };
    case 'date':
      return { type: 'input-date', format: 'YYYY-MM-DD', valueFormat: 'YYYY-MM-DD', ...common };
    case 'datetime':
      return { type: 'input-datetime', valueFormat: 'YYYY-MM-DDTHH:mm:ssZ', ...common };
    case 'time':
      return { type: 'input-time', valueFormat: 'HH:mm:ss', ...common };
    case 'json':
      return { type: 'editor', language: 'json', ...common };
    case 'enum':
      return { type: 'select', options: options(field.options), ...common };
    case 'enum-multi':
      return {
        type: 'select',
        multiple: true,
        joinValues: false,
        extractValue: true,
        options: options(field.options),
        ...common,
      };
    case 'computed':
      return null;
  }
}

const options = (values: readonly string[]) => values.map((value) => ({ label: value, value }));

/** The table column that shows `field`. */
export function column(field: Field, sortable: boolean): AmisObject {
  const common: AmisObject = {
    name: field.code,
    label: label(field),
    ...(sortable ? { sortable: true } : {}),
  };
  const type = field.type === 'computed' ? field.resultType : field.type;
  switch (type) {
    case 'boolean':
      return { type: 'status', ...common };
    case 'date':
      return { type: 'date', format: 'YYYY-MM-DD', valueFormat: 'YYYY-MM-DD', ...common };
    case 'datetime':
      return { type: 'datetime', ...common };
    case 'url':
      return { type: 'link', ...common };
    case 'json':
      return { type: 'json', ...common };
    case 'enum':
    case 'enum-multi':
      return {
        type: 'mapping',
        // The values are the data's, the shown texts rendered as HTML.
        map: Object.fromEntries(
          (field.type === 'enum' || field.type === 'enum-multi' ? field.options : []).map((o) => [
            o,
            htmlText(o),
          ]),
        ),
        ...common,
      };
    default:
      return { type: 'text', ...common };
  }
}

/**
 * The filter controls for `field` in the CRUD's filter form. Each is named after the filter it
 * sets (`filter.total._gte`): amis sends the form as bracketed parameters
 * (`filter[total][_gte]=10`), which the runtime reads into its filter language.
 */
export function filterControls(field: Field): AmisObject[] {
  const at = (op: string) => `filter.${field.code}.${op}`;
  const labelText = label(field);
  const type = field.type === 'computed' ? field.resultType : field.type;
  const range = (control: string, extra: AmisObject = {}): AmisObject[] => [
    { type: control, name: at('_gte'), label: `${labelText} from`, clearable: true, ...extra },
    { type: control, name: at('_lte'), label: `${labelText} to`, clearable: true, ...extra },
  ];
  switch (type) {
    case 'string':
    case 'text':
    case 'email':
    case 'url':
      return [{ type: 'input-text', name: at('_icontains'), label: labelText, clearable: true }];
    case 'integer':
    case 'bigint':
    case 'decimal':
    case 'float':
      return range('input-number');
    case 'date':
      return range('input-date', { format: 'YYYY-MM-DD', valueFormat: 'YYYY-MM-DD' });
    case 'datetime':
      return range('input-datetime', { valueFormat: 'YYYY-MM-DDTHH:mm:ssZ' });
    case 'boolean':
      return [
        {
          type: 'select',
          name: at('_eq'),
          label: labelText,
          clearable: true,
          options: [
            { label: 'yes', value: true },
            { label: 'no', value: false },
          ],
        },
      ];
    case 'enum':
      return [
        {
          type: 'select',
          name: at('_in'),
          label: labelText,
          clearable: true,
          multiple: true,
          joinValues: false,
          extractValue: true,
          options: options(field.type === 'enum' ? field.options : []),
        },
      ];
    default:
      return [];
  }
}
