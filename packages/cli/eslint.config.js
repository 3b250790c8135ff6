import { base } from '@tessera/eslint-config';

export default [
  ...base,
  { ignores: ['bin/**'] },
  // The CLI's entry point is where its environment is read.
  { files: ['src/main.ts'], rules: { 'no-restricted-properties': 'off' } },
];
