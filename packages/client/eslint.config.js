import { base } from '@tessera/eslint-config';

export default base;
