/** The French catalog: the same areas and keys as ../en (the compiler checks each area). */
import type { Translations } from '../catalog-types.js';
import type { en as English } from '../en/index.js';
import { common } from './common.js';
import { dispatch } from './dispatch.js';

export const fr: Translations<typeof English> = { ...common, ...dispatch };
