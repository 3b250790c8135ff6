/** What the runtime reports for monitoring, and the rates the console draws from it. */
export * from './summary';
