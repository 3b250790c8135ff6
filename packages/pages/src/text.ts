/**
 * Model text (entity and field names, descriptions, enum options) as amis must receive it to
 * show it as text. amis reads most text properties as templates: `${…}` and `$name` are
 * formulas, a string holding only `<% … %>` is a lodash template (JavaScript), and many
 * properties are then rendered as HTML. Measured on amis 6.13 in Chromium:
 *
 * - rendered as HTML: page, drawer and form titles, labels (columns, form controls, filters,
 *   static fields), descriptions, confirmation texts, mapped values: `htmlText`;
 * - rendered as text, but templated: button labels, dialog and table titles: `plainText`;
 * - inert: option labels of selects, and data values.
 *
 * Both encodings were checked to show the text exactly as written, with nothing run.
 */

/** For properties amis renders as HTML: every character a template or markup needs, as an entity. */
export function htmlText(text: string): string {
  return text.replace(/[&<>"'$\\{}%`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * For templated properties amis renders as text: backslashes and dollars escaped for its
 * formula engine; text holding `<%` gets an empty formula at the end, so that engine (not
 * lodash's) reads it.
 */
export function plainText(text: string): string {
  const escaped = text.replace(/[\\$]/g, (c) => `\\${c}`);
  return text.includes('<%') ? `${escaped}\${''}` : escaped;
}

const NAMED = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** What amis shows for a property written with `htmlText` (for the console's own preview). */
export function shownText(value: string): string {
  return value.replace(/&(?:#(\d{1,7})|(lt|gt|amp|quot|apos));/g, (entity, code, name) => {
    if (code) return Number(code) <= 0x10ffff ? String.fromCodePoint(Number(code)) : entity;
    return NAMED[name as keyof typeof NAMED];
  });
}
