import { base, testCode } from '@tessera/eslint-config';

// The whole package is a test suite.
export default [...base, testCode(['src/**/*.ts'])];
