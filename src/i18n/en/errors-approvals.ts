export const errorsApprovals = {
} as const;
