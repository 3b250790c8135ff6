export { type Answer, client, q } from './client';
export { CONTRACT_MODEL } from './model';
export { defineContractSuite, type ContractSuiteOptions, type ContractTarget } from './suite';
export { RESTRICTED_GRANTS } from './access';
