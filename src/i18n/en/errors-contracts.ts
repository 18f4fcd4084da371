export const errorsContracts = {
  'errors-contracts.no-contract': 'No contract {id}.',
} as const;
