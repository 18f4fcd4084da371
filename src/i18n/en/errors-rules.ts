export const errorsRules = {
} as const;
