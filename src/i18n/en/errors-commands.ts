export const errorsCommands = {
} as const;
