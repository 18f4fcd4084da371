export const errorsJobs = {
} as const;
