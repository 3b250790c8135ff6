export { column, filterControls, formControl, type AmisObject } from './controls';
export { applyPage, diffPage, type PagePatch } from './overrides';
export { entityPage, FULL_PAGE_ACCESS, type PageAccess, type PageOptions } from './page';
export { type PageCheck, validateAmisPage } from './validate';
