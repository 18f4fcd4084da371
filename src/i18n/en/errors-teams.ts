export const errorsTeams = {
} as const;
