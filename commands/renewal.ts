import { renewalOutputs } from '../src/renewals/outputs.js';
import { renewalPack } from '../src/renewals/renewal-pack.js';
import type { Command } from './command.js';
import { UsageError, usageLines } from './command.js';
import { t } from '../src/i18n/index.js';

export const renewalCommand: Command = {
  name: 'renewal',
  get summary() {
    return t('commands.renewal.summary');
  },
  get usage() {
    return usageLines('commands.renewal.usage');
  },
  get example() {
    return t('commands.renewal.example');
  },
  async run(ctx, args) {
    const [contract, extra] = args.words;
    if (!contract) throw new UsageError(t('errors-commands.renewal-which'));
    if (extra) throw new UsageError(t('errors-commands.renewal-one', { extra }));
    const pack = await renewalPack(ctx, { contract });
    return (await renewalOutputs(ctx, pack)).card;
  },
};
