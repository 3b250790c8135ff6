export * from './app-error';
export * from './invalid-env';
