/**
 * What a browser may import to build a page from the model (the designer's preview): nothing
 * here reaches Node (the page validator loads amis's schema from disk).
 */
export { dataApiBase, entityPage, FULL_PAGE_ACCESS, type PageOptions } from './page';
export { sampleRows, sampleValue } from './sample-rows';
