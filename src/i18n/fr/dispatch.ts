/** Dispatching: giving jobs to technicians, the queue. */
import type { Translations } from '../catalog-types.js';
import type { dispatch as English } from '../en/dispatch.js';

export const dispatch: Translations<typeof English> = {
  'dispatch.assign.lacks-skills':
    "{name} ne peut pas prendre {job} : {contract} exige {skills} ({why}).{offered, select, no { Personne dans l''équipe ne la détient à présent ; renouvelez la certification ou modifiez les compétences du contrat.} other { Proposé à la place : {others}.}}",
};
