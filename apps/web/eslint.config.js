import { react } from '@tessera/eslint-config';

export default react;
