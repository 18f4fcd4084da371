import type { Translations } from '../catalog-types.js';
import type { repliesTeam as en } from '../en/replies-team.js';

export const repliesTeam: Translations<typeof en> = {
  'replies-team.bound-title': 'Canal associé',
  'replies-team.bound':
    '{label} reçoit désormais {purpose, select, approvals {les demandes d’approbation} dispatch {la répartition} digest {le bilan} other {« {purpose} »}} de {team} sur {platform}.{pending, plural, =0 {} one { # demande en attente, faite avant, y est publiée maintenant.} other { # demandes en attente, faites avant, y sont publiées maintenant.}}',
  'replies-team.lead-title': 'Responsable d’équipe',
  'replies-team.lead-set': '{name} dirige désormais {team} : les escalades lui sont adressées.',
  'replies-team.title': 'Équipe {team}',
  'replies-team.lead': 'Responsable',
  'replies-team.no-lead': 'aucun (à désigner avec /team lead)',
  'replies-team.zone': 'Fuseau',
  'replies-team.col.purpose': 'Usage',
  'replies-team.col.platform': 'Plateforme',
  'replies-team.col.channel': 'Canal',
  'replies-team.no-channels': 'Aucun canal associé : tapez /team bind approvals dans le canal qui doit recevoir les demandes d’approbation.',
};
