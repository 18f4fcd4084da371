/**
 * scheduled_runs keys of renewal packs. A term is named by its end date, so an amendment that
 * extends the term asks for a new pack, and the KPI digest can tell whether a pack is ready.
 */

/** Written (once) the first time a pack is produced for a term, on demand or scheduled. */
export const renewalReadyKey = (contractId: string, end: string) => `renewal-ready:${contractId}:${end}`;

/** The scheduled post of a term's pack to the team's digest channel: exactly once. */
export const renewalPostKey = (contractId: string, end: string) => `renewal:${contractId}:${end}`;
