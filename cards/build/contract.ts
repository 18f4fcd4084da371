import type { Contract, Priority, SlaWindow } from '../../src/rules/contract-types.js';
import type { VersionDiff } from '../../src/contracts/version-history.js';
import { showTerm } from '../../src/rules/terms-diff.js';
import { formatDuration, formatMoney } from '../../src/rules/units.js';
import { card, type Block, type Card, type Rich } from '../card.js';

function slaRows(windows: Partial<Record<Priority, SlaWindow>>, tier?: string): Rich[][] {
  return Object.entries(windows).map(([p, w]) => [
    ...(tier ? [tier] : []),
    p,
    formatDuration(w!.response),
    formatDuration(w!.restore),
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
  const money = (m: number) => formatMoney(m, c.currency);
  const blocks: Block[] = [
    {
      type: 'fields',
      fields: [
        { label: 'Customer', value: c.customer.name },
        { label: 'Fee', value: `${money(c.fee.amount)} per ${c.fee.per}` },
        { label: 'Term', value: `${c.term.start} to ${c.term.end} (${c.term.renewal} renewal, notice ${c.term.noticeDays} days)` },
        { label: 'Team', value: c.team },
        { label: 'Version', value: `v${meta.version}, in force from ${meta.effectiveFrom}` },
        ...(meta.createdByLabel && meta.createdAt ? [{ label: 'Recorded', value: [`by ${meta.createdByLabel}, `, { time: meta.createdAt }, ...(meta.reason ? [`: ${meta.reason}`] : [])] }] : []),
        ...(meta.later?.length ? [{ label: 'Later versions', value: meta.later.map((l) => `v${l.version} from ${l.effectiveFrom}`).join(', ') }] : []),
      ],
    },
    { type: 'text', text: [{ bold: 'Sites' }] },
    {
      type: 'table',
      columns: ['Site', 'Name', 'Hours', 'Tier', 'Caps'],
      rows: c.sites.map((s) => [
        s.id,
        s.name,
        s.access ? `${s.calendar} (access: ${s.access})` : s.calendar,
        s.tier ?? '',
        s.caps ? `${s.caps.visits} visits/${s.caps.per}` : '',
      ]),
    },
    { type: 'text', text: [{ bold: 'SLA' }, ` warn at ${c.sla.warnAt.map((w) => `${Math.round(w * 100)}%`).join(', ')}; pauses on ${[...new Set([...c.sla.pauseOn.response, ...c.sla.pauseOn.restore])].join(', ') || 'nothing'}`] },
  ];
  if (c.sla.tiers) {
    blocks.push({ type: 'table', columns: ['Tier', 'Priority', 'Response', 'Restore', 'Clock'], rows: Object.entries(c.sla.tiers).flatMap(([t, w]) => slaRows(w, t)) });
  } else if (c.sla.priorities) {
    blocks.push({ type: 'table', columns: ['Priority', 'Response', 'Restore', 'Clock'], rows: slaRows(c.sla.priorities) });
  }
  blocks.push({ type: 'text', text: [{ bold: 'Rates' }] });
  blocks.push({
    type: 'table',
    columns: ['Code', 'Name', 'Unit', 'Price', 'Terms'],
    align: ['left', 'left', 'left', 'right', 'left'],
    rows: c.rates.map((r) => [
      r.code,
      r.name,
      r.unit,
      formatMoney(r.price),
      [
        r.covered ? 'covered' : '',
        r.includes ? `includes ${formatDuration(r.includes)} then ${r.overrun}` : '',
        r.outOfScope ? 'out of scope: needs approval' : '',
        r.billing?.increment ? `per ${formatDuration(r.billing.increment)}` : '',
        r.billing?.minimum ? `min ${formatDuration(r.billing.minimum)}` : '',
      ]
        .filter(Boolean)
        .join(', '),
    ]),
  });
  const mods = c.modifiers;
  const modText = [
    mods.afterHours && `after hours ×${mods.afterHours.multiplier}`,
    mods.weekend && `weekend ×${mods.weekend.multiplier}`,
    mods.holiday && `holiday ×${mods.holiday.multiplier}`,
    mods.overtime && `overtime after ${formatDuration(mods.overtime.afterPerDay)}/day ×${mods.overtime.multiplier}`,
    mods.outsideAccess && `outside access ×${mods.outsideAccess.multiplier}${mods.outsideAccess.requiresApproval ? ' (permit)' : ''}`,
    ...mods.seasonal.map((s) => `${s.codes.join('/')} ×${s.multiplier} ${s.from}..${s.to}`),
    mods.travel && `travel ${mods.travel.code} per ${mods.travel.per}`,
  ].filter(Boolean) as string[];
  if (modText.length) blocks.push({ type: 'text', text: [{ bold: 'Modifiers' }, ` ${modText.join('; ')} (highest wins, not stacked)`] });
  const ent = [
    ...c.entitlements.prepaidHours.map((p) => `prepaid ${p.hours}h of ${p.codes.join('/')} ${p.from}..${p.until}`),
    ...c.entitlements.warranty.map((w) => `warranty ${w.parts.join('/')} until ${w.until}${w.labour ? ' incl. labour' : ''}`),
  ];
  if (ent.length) blocks.push({ type: 'text', text: [{ bold: 'Entitlements' }, ` ${ent.join('; ')}`] });
  if (c.parts.length) blocks.push({ type: 'text', text: [{ bold: 'Parts' }, ` ${c.parts.map((p) => `${p.sku} ${formatMoney(p.price)}`).join(', ')}`] });
  return card('contract', `${c.id}: ${c.customer.name}`, { blocks, context: [`Fallbacks: ${c.sla.fallbacks.join(', ')}`] });
}

export function contractListCard(rows: { id: string; customerName: string; team: string; currentVersion: number; currency: string; fee: number; end: string }[]): Card {
  return card('contracts', `Contracts (${rows.length})`, {
    blocks: rows.length
      ? [
          {
            type: 'table',
            columns: ['Contract', 'Customer', 'Team', 'Version', 'Fee/month', 'Ends'],
            rows: rows.map((r) => [r.id, r.customerName, r.team, `v${r.currentVersion}`, formatMoney(r.fee, r.currency), r.end]),
          },
        ]
      : [{ type: 'text', text: 'No contracts yet. Load one with POST /api/v1/contracts or /import.' }],
  });
}

/** `/contract diff`: each changed term, before and after, and who recorded each version, when and why. */
export function contractDiffCard(d: VersionDiff): Card {
  const who = (m: VersionDiff['from']): Rich => [`v${m.version} (in force from ${m.effectiveFrom}) recorded by ${m.by}, `, { time: m.at }, `: ${m.reason}`];
  return card('contract', `${d.contractId}: v${d.from.version} → v${d.to.version}`, {
    blocks: [
      { type: 'list', items: [who(d.from), who(d.to)] },
      d.changes.length
        ? {
            type: 'table',
            columns: ['Term', 'Before', 'After'],
            rows: d.changes.map((c) => [c.path, 'before' in c ? showTerm(c.before) : '(none)', 'after' in c ? showTerm(c.after) : '(removed)']),
          }
        : { type: 'text', text: 'The terms are the same.' },
    ],
  });
}
