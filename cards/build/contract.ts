import type { Contract, Priority, SlaWindow } from '../../src/rules/contract-types.js';
import type { VersionDiff } from '../../src/contracts/version-history.js';
import { showTerm } from '../../src/rules/terms-diff.js';
import { readerDate, readerDuration, readerFactor, readerMoney, readerMonthDay, readerShortDate } from '../../src/i18n/format.js';
import { unitWord } from '../../src/i18n/unit-word.js';
import { alertActWord } from '../../src/i18n/alert-act-words.js';
import { t } from '../../src/i18n/t.js';
import { card, type Block, type Card, type Rich } from '../card.js';

function slaRows(windows: Partial<Record<Priority, SlaWindow>>, tier?: string): Rich[][] {
  return Object.entries(windows).map(([p, w]) => [
    ...(tier ? [tier] : []),
    p,
    readerDuration(w!.response),
    readerDuration(w!.restore),
    w!.calendar,
  ]);
}

export interface VersionNote {
  version: number;
  effectiveFrom: string;
  reason?: string;
  createdByLabel?: string;
  createdAt?: Date;
  /** later versions already recorded (not in force yet when shown by default) */
  later?: { version: number; effectiveFrom: string }[];
}

export function contractCard(c: Contract, meta: VersionNote): Card {
  const money = (m: number) => readerMoney(m, c.currency);
  const blocks: Block[] = [
    {
      type: 'fields',
      fields: [
        { label: t('cards-contract.customer'), value: c.customer.name },
        { label: t('cards-contract.fee'), value: t('cards-contract.fee-per', { amount: money(c.fee.amount), per: unitWord(c.fee.per) }) },
        { label: t('cards-contract.term'), value: t('cards-contract.term-value', { start: readerDate(c.term.start), end: readerDate(c.term.end), renewal: c.term.renewal, days: c.term.noticeDays }) },
        { label: t('cards-contract.team'), value: c.team },
        { label: t('cards-contract.version'), value: t('cards-contract.version-value', { version: meta.version, from: readerDate(meta.effectiveFrom) }) },
        ...(meta.createdByLabel && meta.createdAt ? [{ label: t('cards-contract.recorded'), value: [t('cards-contract.recorded-by', { who: meta.createdByLabel }), { time: meta.createdAt }, ...(meta.reason ? [t('common.detail', { text: meta.reason })] : [])] }] : []),
        ...(meta.later?.length ? [{ label: t('cards-contract.later'), value: meta.later.map((l) => t('cards-contract.later-one', { version: l.version, from: readerDate(l.effectiveFrom) })).join(', ') }] : []),
      ],
    },
    { type: 'text', text: [{ bold: t('cards-contract.sites') }] },
    {
      type: 'table',
      columns: [t('cards-contract.col.site'), t('cards-contract.col.name'), t('cards-contract.col.hours'), t('cards-contract.col.tier'), t('cards-contract.col.caps')],
      rows: c.sites.map((s) => [
        s.id,
        s.name,
        s.access ? t('cards-contract.access', { calendar: s.calendar, access: s.access }) : s.calendar,
        s.tier ?? '',
        s.caps ? t('cards-contract.caps', { visits: s.caps.visits, per: unitWord(s.caps.per) }) : '',
      ]),
    },
    { type: 'text', text: [{ bold: t('cards-contract.sla') }, t('cards-contract.sla-line', { warn: c.sla.warnAt.map((w) => `${Math.round(w * 100)}%`).join(', '), pauses: [...new Set([...c.sla.pauseOn.response, ...c.sla.pauseOn.restore])].join(', ') || t('cards-contract.nothing') })] },
  ];
  if (c.sla.tiers) {
    blocks.push({ type: 'table', columns: [t('cards-contract.col.tier'), t('cards-contract.col.priority'), t('cards-contract.col.response'), t('cards-contract.col.restore'), t('cards-contract.col.clock')], rows: Object.entries(c.sla.tiers).flatMap(([tier, w]) => slaRows(w, tier)) });
  } else if (c.sla.priorities) {
    blocks.push({ type: 'table', columns: [t('cards-contract.col.priority'), t('cards-contract.col.response'), t('cards-contract.col.restore'), t('cards-contract.col.clock')], rows: slaRows(c.sla.priorities) });
  }
  blocks.push({ type: 'text', text: [{ bold: t('cards-contract.rates') }] });
  blocks.push({
    type: 'table',
    columns: [t('cards-contract.col.code'), t('cards-contract.col.name'), t('cards-contract.col.unit'), t('cards-contract.col.price'), t('cards-contract.col.terms')],
    align: ['left', 'left', 'left', 'right', 'left'],
    rows: c.rates.map((r) => [
      r.code,
      r.name,
      unitWord(r.unit),
      readerMoney(r.price),
      [
        r.covered ? t('cards-contract.rate.covered') : '',
        r.includes ? t('cards-contract.rate.includes', { included: readerDuration(r.includes), overrun: r.overrun ?? '' }) : '',
        r.outOfScope ? t('cards-contract.rate.out-of-scope') : '',
        r.billing?.increment ? t('cards-contract.rate.per', { increment: readerDuration(r.billing.increment) }) : '',
        r.billing?.minimum ? t('cards-contract.rate.min', { minimum: readerDuration(r.billing.minimum) }) : '',
      ]
        .filter(Boolean)
        .join(', '),
    ]),
  });
  const mods = c.modifiers;
  const modText = [
    mods.afterHours && t('cards-contract.mod.after-hours', { x: readerFactor(mods.afterHours.multiplier) }),
    mods.weekend && t('cards-contract.mod.weekend', { x: readerFactor(mods.weekend.multiplier) }),
    mods.holiday && t('cards-contract.mod.holiday', { x: readerFactor(mods.holiday.multiplier) }),
    mods.overtime && t('cards-contract.mod.overtime', { after: readerDuration(mods.overtime.afterPerDay), x: readerFactor(mods.overtime.multiplier) }),
    mods.outsideAccess && t(mods.outsideAccess.requiresApproval ? 'cards-contract.mod.outside-access-permit' : 'cards-contract.mod.outside-access', { x: readerFactor(mods.outsideAccess.multiplier) }),
    ...mods.seasonal.map((s) => t('cards-contract.mod.seasonal', { codes: s.codes.join('/'), x: readerFactor(s.multiplier), from: readerMonthDay(s.from), to: readerMonthDay(s.to) })),
    mods.travel && t('cards-contract.mod.travel', { code: mods.travel.code, per: unitWord(mods.travel.per) }),
  ].filter(Boolean) as string[];
  if (modText.length) blocks.push({ type: 'text', text: [{ bold: t('cards-contract.modifiers') }, t('cards-contract.modifiers-line', { mods: modText.join(t('common.list-sep')) })] });
  const ent = [
    ...c.entitlements.prepaidHours.map((p) => t('cards-contract.ent.prepaid', { hours: p.hours, codes: p.codes.join('/'), from: readerDate(p.from), until: readerDate(p.until) })),
    ...c.entitlements.warranty.map((w) => t(w.labour ? 'cards-contract.ent.warranty-labour' : 'cards-contract.ent.warranty', { parts: w.parts.join('/'), until: readerDate(w.until) })),
  ];
  if (ent.length) blocks.push({ type: 'text', text: [{ bold: t('cards-contract.entitlements') }, ` ${ent.join(t('common.list-sep'))}`] });
  if (c.parts.length) blocks.push({ type: 'text', text: [{ bold: t('cards-contract.parts') }, ` ${c.parts.map((p) => `${p.sku} ${readerMoney(p.price)}`).join(', ')}`] });
  return card('contract', t('common.pair', { a: c.id, b: c.customer.name }), { blocks, context: [t('cards-contract.fallbacks', { list: c.sla.fallbacks.map((f) => alertActWord(f, 'button')).join(', ') })] });
}

export function contractListCard(rows: { id: string; customerName: string; team: string; currentVersion: number; currency: string; fee: number; end: string }[]): Card {
  return card('contracts', t('cards-contract.list.title', { n: rows.length }), {
    blocks: rows.length
      ? [
          {
            type: 'table',
            columns: [t('cards-contract.col.contract'), t('cards-contract.customer'), t('cards-contract.team'), t('cards-contract.col.version'), t('cards-contract.col.fee'), t('cards-contract.col.ends')],
            rows: rows.map((r) => [r.id, r.customerName, r.team, t('cards-contract.version-short', { version: r.currentVersion }), readerMoney(r.fee, r.currency), readerShortDate(r.end)]),
          },
        ]
      : [{ type: 'text', text: t('cards-contract.list.none', { api: 'POST /api/v1/contracts', cmd: '/import' }) }],
  });
}

/** `/contract diff`: each changed term, before and after, and who recorded each version, when and why. */
export function contractDiffCard(d: VersionDiff): Card {
  const who = (m: VersionDiff['from']): Rich => [t('cards-contract.diff.who', { version: m.version, from: readerDate(m.effectiveFrom), by: m.by }), { time: m.at }, t('common.detail', { text: m.reason })];
  return card('contract', t('cards-contract.diff.title', { contract: d.contractId, from: d.from.version, to: d.to.version }), {
    blocks: [
      { type: 'list', items: [who(d.from), who(d.to)] },
      d.changes.length
        ? {
            type: 'table',
            columns: [t('cards-contract.diff.col.term'), t('cards-contract.diff.col.before'), t('cards-contract.diff.col.after')],
            rows: d.changes.map((c) => [c.path, 'before' in c ? showTerm(c.before) : t('cards-contract.diff.none'), 'after' in c ? showTerm(c.after) : t('cards-contract.diff.removed')]),
          }
        : { type: 'text', text: t('cards-contract.diff.same') },
    ],
  });
}
