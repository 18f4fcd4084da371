import type { Translations } from '../catalog-types.js';
import type { cardsUsage as en } from '../en/cards-usage.js';

export const cardsUsage: Translations<typeof en> = {
  'cards-usage.col.bank': 'Forfait d’heures',
  'cards-usage.col.codes': 'Codes',
  'cards-usage.col.valid': 'Validité',
  'cards-usage.col.used': 'Utilisé',
  'cards-usage.col.left': 'Reste',
  'cards-usage.bank': '{n} : {hours} h',
  'cards-usage.valid': 'du {from} au {until}',
  'cards-usage.valid-inactive': 'du {from} au {until} (inactif)',
  'cards-usage.no-banks': 'Pas d’heures prépayées sur ce contrat.',
  'cards-usage.col.site': 'Site',
  'cards-usage.col.visits': 'Visites couvertes utilisées',
  'cards-usage.visits': '{used} sur {visits} par {per}',
  'cards-usage.over': '{left} ({over} en trop)',
  'cards-usage.no-cap': 'sans plafond',
  'cards-usage.sla-credits': 'Pénalités SLA {month}',
  'cards-usage.goodwill': 'Gestes commerciaux',
  'cards-usage.cap-left': 'Plafond de pénalités restant',
  'cards-usage.of': '{left} sur {cap}',
  'cards-usage.left': '{left} ({percent})',
  'cards-usage.invoiced': 'Déjà facturé',
  'cards-usage.title': 'Consommation de {contract} au {date}',
  'cards-usage.note': 'Compté d’après les factures émises et le travail saisi depuis ; un forfait alerte le canal de répartition à 20 % restants.',
};
