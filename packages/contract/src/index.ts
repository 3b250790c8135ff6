export { type Answer, client, q } from './client';
export { CONTRACT_MODEL } from './model';
export { defineContractSuite, type ContractTarget } from './suite';
