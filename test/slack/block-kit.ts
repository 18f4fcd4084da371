/**
 * A strict reading of Slack's Block Kit limits, shared by the renderer test and the fake Web API:
 * Slack rejects the whole message (invalid_blocks) when any of these is broken, so tests must too.
 */
import { SLACK_LIMITS } from '../../cards/slack.js';

type J = Record<string, unknown>;

const ENTITY = /&(amp|lt|gt);/g;
/** The only angle-bracket sequences our messages may contain: dates and links we wrote. */
const TOKEN = /<!date\^\d+\^[^|>]+\|[^<>]*>|<(https?:\/\/|mailto:)[^|<>\s]+\|[^<>]*>/g;

/** Problems with one mrkdwn string: raw control characters mean an unescaped user string. */
export function mrkdwnProblems(text: string, where: string): string[] {
  const rest = text.replace(TOKEN, '').replace(ENTITY, '');
  const out: string[] = [];
  if (/[<>]/.test(rest)) out.push(`${where}: unescaped < or > in ${JSON.stringify(text.slice(0, 120))}`);
  if (rest.includes('&')) out.push(`${where}: unescaped & in ${JSON.stringify(text.slice(0, 120))}`);
  return out;
}

function textObj(t: unknown, where: string, max: number, problems: string[], plainOnly = false): void {
  const o = t as J | undefined;
  if (!o || typeof o !== 'object') return void problems.push(`${where}: missing text object`);
  if (o.type !== 'plain_text' && o.type !== 'mrkdwn') problems.push(`${where}: text type ${String(o.type)}`);
  if (plainOnly && o.type !== 'plain_text') problems.push(`${where}: must be plain_text`);
  const s = o.text;
  if (typeof s !== 'string' || s.length === 0) return void problems.push(`${where}: empty text`);
  if (s.length > max) problems.push(`${where}: text ${s.length} > ${max}`);
  if (o.type === 'mrkdwn') problems.push(...mrkdwnProblems(s, where));
}

/** Every broken limit in a block list; empty when Slack would accept it. */
export function blockKitProblems(blocks: unknown, opts: { maxBlocks?: number; surface?: 'message' | 'modal' | 'home' } = {}): string[] {
  const problems: string[] = [];
  if (!Array.isArray(blocks)) return ['blocks is not an array'];
  const max = opts.maxBlocks ?? (opts.surface && opts.surface !== 'message' ? SLACK_LIMITS.blocksPerView : SLACK_LIMITS.blocksPerMessage);
  if (blocks.length > max) problems.push(`${blocks.length} blocks > ${max}`);
  const actionIds = new Set<string>();
  const blockIds = new Set<string>();
  const actionId = (id: unknown, where: string) => {
    if (typeof id !== 'string' || !id) return void problems.push(`${where}: missing action_id`);
    if (id.length > SLACK_LIMITS.actionId) problems.push(`${where}: action_id ${id.length} > 255`);
    if (actionIds.has(id)) problems.push(`${where}: duplicate action_id ${id}`);
    actionIds.add(id);
  };
  blocks.forEach((raw, i) => {
    const b = raw as J;
    const w = `blocks[${i}] (${String(b.type)})`;
    if (b.block_id !== undefined) {
      if (typeof b.block_id !== 'string' || b.block_id.length > 255) problems.push(`${w}: bad block_id`);
      else if (blockIds.has(b.block_id)) problems.push(`${w}: duplicate block_id`);
      else blockIds.add(b.block_id);
    }
    switch (b.type) {
      case 'header':
        textObj(b.text, w, SLACK_LIMITS.headerText, problems, true);
        break;
      case 'section': {
        if (b.text === undefined && b.fields === undefined) problems.push(`${w}: needs text or fields`);
        if (b.text !== undefined) textObj(b.text, w, SLACK_LIMITS.sectionText, problems);
        if (b.fields !== undefined) {
          const f = b.fields as unknown[];
          if (!Array.isArray(f) || f.length === 0 || f.length > SLACK_LIMITS.sectionFields) problems.push(`${w}: ${Array.isArray(f) ? f.length : '?'} fields`);
          else f.forEach((x, k) => textObj(x, `${w}.fields[${k}]`, SLACK_LIMITS.fieldText, problems));
        }
        break;
      }
      case 'context': {
        const els = b.elements as unknown[];
        if (!Array.isArray(els) || els.length === 0 || els.length > SLACK_LIMITS.contextElements) problems.push(`${w}: ${Array.isArray(els) ? els.length : '?'} elements`);
        else els.forEach((x, k) => textObj(x, `${w}.elements[${k}]`, SLACK_LIMITS.contextText, problems));
        break;
      }
      case 'actions': {
        const els = b.elements as J[];
        if (!Array.isArray(els) || els.length === 0 || els.length > SLACK_LIMITS.actionsElements) problems.push(`${w}: ${Array.isArray(els) ? els.length : '?'} elements`);
        (els ?? []).forEach((e, k) => {
          const ew = `${w}.elements[${k}] (${String(e.type)})`;
          actionId(e.action_id, ew);
          if (e.type === 'button') {
            textObj(e.text, ew, SLACK_LIMITS.buttonText, problems, true);
            if (typeof e.value === 'string' && e.value.length > SLACK_LIMITS.buttonValue) problems.push(`${ew}: value ${e.value.length} > 2000`);
            if (e.style !== undefined && e.style !== 'primary' && e.style !== 'danger') problems.push(`${ew}: style ${String(e.style)}`);
          } else if (e.type === 'static_select') {
            if (e.placeholder) textObj(e.placeholder, `${ew}.placeholder`, SLACK_LIMITS.placeholder, problems, true);
            const opts = e.options as J[];
            if (!Array.isArray(opts) || opts.length === 0 || opts.length > SLACK_LIMITS.selectOptions) problems.push(`${ew}: ${Array.isArray(opts) ? opts.length : '?'} options`);
            (opts ?? []).forEach((o, n) => {
              textObj(o.text, `${ew}.options[${n}]`, SLACK_LIMITS.optionText, problems, true);
              if (typeof o.value !== 'string' || o.value.length > SLACK_LIMITS.optionValue) problems.push(`${ew}.options[${n}]: value too long or missing`);
            });
          } else problems.push(`${ew}: unexpected element`);
        });
        break;
      }
      case 'image':
        if (typeof b.image_url !== 'string' || !/^https?:\/\//.test(b.image_url)) problems.push(`${w}: image_url`);
        if (typeof b.alt_text !== 'string' || !b.alt_text || b.alt_text.length > SLACK_LIMITS.imageAlt) problems.push(`${w}: alt_text`);
        break;
      case 'divider':
        break;
      case 'input': {
        if (opts.surface !== 'modal' && opts.surface !== 'home') problems.push(`${w}: input blocks only in views`);
        textObj(b.label, `${w}.label`, 2000, problems, true);
        const el = b.element as J | undefined;
        if (!el || el.type !== 'plain_text_input') problems.push(`${w}: element`);
        else {
          actionId(el.action_id, `${w}.element`);
          // plain_text_input: lengths up to 3,000; an initial value longer than max_length is refused
          const max = el.max_length;
          if (max !== undefined && (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > 3000)) problems.push(`${w}: max_length ${String(max)}`);
          if (el.min_length !== undefined && (typeof el.min_length !== 'number' || el.min_length < 0 || el.min_length > 3000)) problems.push(`${w}: min_length`);
          if (el.initial_value !== undefined) {
            if (typeof el.initial_value !== 'string') problems.push(`${w}: initial_value must be a string`);
            else if (el.initial_value.length > (typeof max === 'number' ? max : 3000)) problems.push(`${w}: initial_value ${el.initial_value.length} > max_length`);
          }
          if (el.multiline !== undefined && typeof el.multiline !== 'boolean') problems.push(`${w}: multiline`);
          if (el.placeholder !== undefined) textObj(el.placeholder, `${w}.placeholder`, SLACK_LIMITS.placeholder, problems, true);
        }
        break;
      }
      default:
        problems.push(`${w}: unknown block type`);
    }
  });
  return problems;
}

/** A view (modal or home tab) as views.open / views.publish receive it. */
export function viewProblems(view: unknown): string[] {
  const v = view as J | undefined;
  if (!v || typeof v !== 'object') return ['view is not an object'];
  const problems: string[] = [];
  if (v.type !== 'modal' && v.type !== 'home') problems.push(`view type ${String(v.type)}`);
  if (v.type === 'modal') {
    textObj(v.title, 'view.title', 24, problems, true);
    // Slack refuses a modal with input blocks and no submit button.
    if (Array.isArray(v.blocks) && (v.blocks as J[]).some((b) => b?.type === 'input') && v.submit === undefined) problems.push('view.submit: required with input blocks');
    if (v.submit !== undefined) textObj(v.submit, 'view.submit', 24, problems, true);
    if (v.close !== undefined) textObj(v.close, 'view.close', 24, problems, true);
  }
  if (typeof v.private_metadata === 'string' && v.private_metadata.length > 3000) problems.push('private_metadata > 3000');
  if (typeof v.callback_id === 'string' && v.callback_id.length > 255) problems.push('callback_id > 255');
  problems.push(...blockKitProblems(v.blocks, { surface: v.type === 'home' ? 'home' : 'modal' }));
  return problems;
}
