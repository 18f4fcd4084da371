import { card } from '../cards/card.js';
import { infoCard } from '../cards/build/error.js';
import { bindChannel, PURPOSES } from '../src/teams/bind-channel.js';
import { setLead } from '../src/teams/set-lead.js';
import { setTeamLanguage } from '../src/teams/set-language.js';
import { langOf } from '../src/i18n/index.js';
import { viewTeam } from '../src/teams/view-team.js';
import type { Command } from './command.js';
import { UsageError, usageLines } from './command.js';
import { t } from '../src/i18n/index.js';

function channelText(target: unknown): string {
  const t = (target ?? {}) as Record<string, unknown>;
  return String(t.channel ?? t.conversationId ?? 'terminal');
}

export const teamCommand: Command = {
  name: 'team',
  get summary() {
    return t('commands.team.summary');
  },
  get usage() {
    return usageLines('commands.team.usage');
  },
  get example() {
    return t('commands.team.example');
  },
  async run(ctx, args) {
    const [sub, ...rest] = args.words;
    switch (sub?.toLowerCase()) {
      case 'bind': {
        if (!rest[0]) throw new UsageError(t('errors-commands.team-bind-what', { purposes: PURPOSES.join(', ') }));
        const r = await bindChannel(ctx, { purpose: rest[0], team: rest[1] });
        return infoCard(t('replies-team.bound-title'), t('replies-team.bound', { label: r.label, team: r.team, purpose: r.purpose, platform: r.platform, pending: r.pending }), 'good');
      }
      case 'lead': {
        if (!rest[0]) throw new UsageError(t('errors-commands.team-lead-who'));
        const r = await setLead(ctx, { person: rest[0], team: rest[1] });
        return infoCard(t('replies-team.lead-title'), t('replies-team.lead-set', { name: r.lead.name, team: r.team }), 'good');
      }
      case 'language': {
        // The language comes last or first: /team language hvac-paris fr, /team language fr.
        const [a, b] = rest;
        if (!a) throw new UsageError(t('language.team-which'));
        const [team, lang] = b ? (langOf(a) ? [b, a] : [a, b]) : [undefined, a];
        const r = await setTeamLanguage(ctx, { lang, team });
        return infoCard(t('language.title'), t('language.team-set', { team: r.team, lang: r.lang }), 'good');
      }
      case 'show':
      case undefined: {
        const v = await viewTeam(ctx, { team: rest[0] });
        return card('info', t('replies-team.title', { team: v.team.name }), {
          blocks: [
            { type: 'fields', fields: [{ label: t('replies-team.lead'), value: v.lead?.name ?? t('replies-team.no-lead') }, { label: t('replies-team.zone'), value: v.team.zone }] },
            v.bindings.length
              ? { type: 'table', columns: [t('replies-team.col.purpose'), t('replies-team.col.platform'), t('replies-team.col.channel')], rows: v.bindings.map((b) => [b.purpose, b.platform, channelText(b.target)]) }
              : { type: 'text', text: t('replies-team.no-channels') },
          ],
        });
      }
      default:
        throw new UsageError(t('common.unknown-sub', { command: 'team', sub }));
    }
  },
};
