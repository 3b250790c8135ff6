export { seed } from './seed';
export * from './catalog';
