/**
 * The English catalog: one file per area (src/i18n/en/<area>.ts), keys prefixed with the area.
 * A new area: its file here and in ../fr, and one line in each index.
 */
import { common } from './common.js';
import { dispatch } from './dispatch.js';

export const en = { ...common, ...dispatch } as const;
