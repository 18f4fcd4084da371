/** The pilot contracts for the rating tests: see test/support/pilots.ts. */
export { loadPilot, PILOT_IDS, type PilotId } from '../../support/pilots.js';
