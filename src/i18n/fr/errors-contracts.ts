import type { Translations } from '../catalog-types.js';
import type { errorsContracts as en } from '../en/errors-contracts.js';

export const errorsContracts: Translations<typeof en> = {
  'errors-contracts.no-contract': 'Aucun contrat {id}.',
};
