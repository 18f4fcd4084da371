export const errorsContracts = {
} as const;
