export { column, filterControls, formControl, type AmisObject } from './controls';
export { entityPage, FULL_PAGE_ACCESS, type PageAccess, type PageOptions } from './page';
