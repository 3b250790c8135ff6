export { column, filterControls, formControl, type AmisObject } from './controls';
export { PATTERN_MESSAGE, PATTERN_RULE } from './rules';
export { applyPage, diffPage, type PagePatch } from './overrides';
export { fitPage } from './fit';
export { patchProblems, type PagePolicy } from './policy';
export { htmlText, plainText, shownText } from './text';
export {
  dataApiBase,
  entityPage,
  FULL_PAGE_ACCESS,
  type PageAccess,
  type PageOptions,
} from './page';
export {
  knownTimeZone,
  listPreview,
  type ListPreview,
  previewCells,
  type PreviewColumn,
} from './preview';
export { relationLabels } from './relations';
export { type PageCheck, validateAmisPage } from './validate';
export { sampleRows, sampleValue } from './sample-rows';
