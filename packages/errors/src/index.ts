export * from './app-error';
export * from './database';
export * from './invalid-env';
