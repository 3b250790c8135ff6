/** What runtimes report for monitoring, and the rates the console draws from it. */
export * from './summary';
export * from './fleet';
