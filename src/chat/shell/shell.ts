/**
 * The terminal chat: a chat platform with no credentials. Reads commands line by line (typed or
 * piped), prints cards as text, and turns buttons into numbered choices. Also a Deliverer, so
 * alerts and approval requests show up here exactly as they would in a channel.
 */
import { createInterface } from 'node:readline';
import type { Card } from '../../../cards/card.js';
import { drawImages } from '../../../cards/draw.js';
import { renderText, textChoices, type TextChoice } from '../../../cards/text.js';
import { infoCard } from '../../../cards/build/error.js';
import type { Ctx } from '../../context.js';
import type { Deliverer } from '../../notify/deliverer.js';
import { personByHandle } from '../../people/person.js';
import { inReaderLang } from '../../reader-lang.js';
import { readDuration } from '../../i18n/duration-reading.js';
import type { ShiftedClock } from '../../clock.js';

export interface ShellDeps {
  ctx: Ctx;
  clock: ShiftedClock;
  /** run a command line as a person; returns the reply cards */
  dispatch(ctx: Ctx, line: string): Promise<Card[]>;
  /** run a button: an encoded action id, with the reason or the form's fields typed if it asked */
  act(ctx: Ctx, actionId: string, input: { reason?: string; values?: Record<string, string> }): Promise<Card[]>;
  /** run the scheduler's work now (monitor tick and deliveries) */
  tick(): Promise<void>;
  out: NodeJS.WritableStream;
  zone: string;
}

/** A card delivered by the outbox, with the line that says where it was posted. */
interface Delivered {
  card: Card;
  header: string;
}

export class Shell implements Deliverer {
  readonly platform = 'shell' as const;
  /** a card printed in full has its chart drawn first; the start-up summary prints titles only */
  readonly drawsImagesWhenShown = true;
  private choices = new Map<number, TextChoice>();
  private next = 1;
  /** a command was typed since the last card with choices: the next choices are numbered from 1 */
  private renumber = false;
  /** while a line is handled (or the bot starts), delivered cards wait here and print after its reply */
  private held: Delivered[] | undefined;
  private tty = false;
  private handle: string;
  private lines = 0;

  constructor(
    private deps: ShellDeps,
    handle: string,
  ) {
    this.handle = handle;
  }

  print(c: Card, header?: string): void {
    const list = textChoices(c);
    if (list.length && this.renumber) {
      this.choices.clear();
      this.next = 1;
      this.renumber = false;
    }
    const first = this.next;
    list.forEach((ch, i) => this.choices.set(first + i, ch));
    this.next += list.length;
    const text = renderText(c, { zone: this.deps.zone, firstChoice: first, width: this.width() });
    this.deps.out.write(`${header ? `${header}\n` : ''}${text}\n\n`);
  }

  /** The terminal's width; 100 columns when the output is not a terminal (piped, a test). */
  private width(): number {
    return (this.deps.out as { columns?: number }).columns || 100;
  }

  /** A card printed in full: its images drawn first (cards/draw.ts). */
  private async show(c: Card, header?: string): Promise<void> {
    await drawImages(c);
    this.print(c, header);
  }

  /** A delivered card: held while a line is handled, else printed at once (above a fresh prompt). */
  private async deliver(card: Card, header: string): Promise<void> {
    if (this.held) {
      this.held.push({ card, header });
      return;
    }
    await drawImages(card);
    if (this.tty) this.deps.out.write('\n');
    this.print(card, header);
    if (this.tty) this.deps.out.write('> ');
  }

  async post(target: unknown, c: Card): Promise<unknown> {
    const t = target as { team?: string; purpose?: string };
    await this.deliver(c, `>> #${t.team ?? 'team'} ${t.purpose ?? ''}`.trimEnd());
    return { line: ++this.lines };
  }

  async update(_ref: unknown, c: Card): Promise<void> {
    await this.deliver(c, '>> (card updated)');
  }

  async direct(person: { id: number; email: string }, c: Card): Promise<unknown> {
    await this.deliver(c, `>> direct message to ${person.email}`);
    return { line: ++this.lines };
  }

  /** Hold deliveries while `work` runs, then print them after its own output. */
  private async holding(work: () => Promise<void>): Promise<Delivered[]> {
    const outer = this.held;
    const held: Delivered[] = (this.held = outer ?? []);
    try {
      await work();
    } finally {
      if (!outer) this.held = undefined;
    }
    return outer ? [] : held;
  }

  /**
   * The start-up backlog (what the scheduler posted while the bot was down or seeding): cards with
   * buttons in full, the others as one line each, all before the first prompt.
   */
  async startUp(): Promise<void> {
    const held = await this.holding(() => this.deps.tick());
    const quiet = held.filter((d) => !textChoices(d.card).length);
    if (quiet.length) {
      const lines = quiet.map((d) => `  ${d.header.replace(/^>> /, '')}: ${d.card.title}`);
      this.deps.out.write(`>> Posted while the bot was starting (${quiet.length}):\n${lines.join('\n')}\n\n`);
    }
    for (const d of held) if (!quiet.includes(d)) await this.show(d.card, d.header);
  }

  private async actorCtx(): Promise<Ctx> {
    const person = await personByHandle(this.deps.ctx.root, this.handle);
    return { ...this.deps.ctx, actor: { via: 'shell', person: person ?? null, label: person ? `${person.name} (terminal)` : `${this.handle} (terminal)` } };
  }

  /**
   * The terminal's form: one prompt per field showing the current value; an empty line keeps it.
   * A line is one line, so `\n` typed in a multi-line field starts a new line.
   */
  private async fillForm(ch: TextChoice, ask: (q: string) => Promise<string | undefined>): Promise<Record<string, string> | undefined> {
    const form = ch.form!;
    if (form.notice) {
      this.print(infoCard(form.title, form.notice, 'warning'));
      return undefined;
    }
    const values: Record<string, string> = {};
    for (const f of form.fields) {
      const now = f.value ?? '';
      if (now) this.deps.out.write(`${f.label} now:\n${now.replace(/^/gm, '  | ')}\n`);
      const typed = (await ask(`${f.label}${f.multiline ? ' (\\n for a new line)' : ''}${now ? ', Enter keeps it' : ''}: `))?.trim() ?? '';
      const value = typed ? (f.multiline ? typed.replace(/\\n/g, '\n') : typed) : now;
      if (f.required && !value.trim()) {
        this.print(infoCard(`${f.label} needed`, `${ch.label}: ${f.label.toLowerCase()} cannot be empty; nothing was changed.`, 'warning'));
        return undefined;
      }
      values[f.key] = value;
    }
    return values;
  }

  /**
   * One input line; `ask` reads a follow-up line (a reason, a form field). Cards the outbox
   * delivers meanwhile print after the line's own reply, so output never interleaves.
   */
  async handleLine(line: string, ask: (q: string) => Promise<string | undefined>): Promise<void> {
    const held = await this.holding(() => this.handleOne(line, ask));
    for (const d of held) await this.show(d.card, d.header);
  }

  private async handleOne(line: string, ask: (q: string) => Promise<string | undefined>): Promise<void> {
    const text = line.trim();
    if (!text || text.startsWith('#')) return;
    // A command's choices are numbered from 1; a picked choice's result keeps the numbers on screen.
    if (!/^\d+$/.test(text)) this.renumber = true;
    if (/^\d+$/.test(text)) {
      const ch = this.choices.get(Number(text));
      if (!ch) {
        this.print(infoCard('No such choice', `There is no choice [${text}] on screen.`, 'warning'));
        return;
      }
      let reason: string | undefined;
      if (ch.reason) {
        reason = (await ask(`${ch.reason.label}: `))?.trim();
        if (ch.reason.required && !reason) {
          this.print(infoCard('Reason needed', `${ch.label} needs a reason; nothing was changed.`, 'warning'));
          return;
        }
      }
      let values: Record<string, string> | undefined;
      if (ch.form) {
        values = await this.fillForm(ch, ask);
        if (!values) return;
      }
      const actor = await this.actorCtx();
      await inReaderLang(actor, async () => {
        for (const c of await this.deps.act(actor, ch.actionId, { ...(reason ? { reason } : {}), ...(values ? { values } : {}) })) await this.show(c);
      });
      await this.deps.tick();
      return;
    }
    const m = /^\/?(\S+)\s*(.*)$/.exec(text)!;
    const cmd = m[1]!.toLowerCase();
    const rest = m[2]!.trim();
    if (cmd === 'as') {
      const p = rest ? await personByHandle(this.deps.ctx.root, rest.replace(/^@/, '')) : undefined;
      if (!p) {
        this.print(infoCard('Who?', `No person with handle "${rest}". Try dana, lee, max, tom, tess, fiona or ada.`, 'warning'));
        return;
      }
      this.handle = rest.replace(/^@/, '');
      this.print(infoCard('Acting as', `You are now ${p.name} (${p.roles.join(', ')}).`));
      return;
    }
    if (cmd === 'clock') {
      if (rest) {
        const sign = rest.startsWith('-') ? -1 : 1;
        const d = readDuration(rest.replace(/^[+-]/, ''));
        if (d && 'problem' in d) {
          this.print(infoCard('Clock', d.problem, 'warning'));
          return;
        }
        if (d) this.deps.clock.offsetMs += sign * d.minutes * 60_000;
        else if (!Number.isNaN(Date.parse(rest))) this.deps.clock.offsetMs = Date.parse(rest) - Date.now();
        else {
          this.print(infoCard('Clock', 'Use /clock +2h, /clock -30m or /clock 2026-11-30T10:00:00Z.', 'warning'));
          return;
        }
      }
      this.print(infoCard('Clock (dev only)', `The bot's clock reads ${this.deps.clock.now().toISOString()}.`));
      await this.deps.tick();
      return;
    }
    // Replies print in the reader's language too: their times are written as the reader reads them.
    const actor = await this.actorCtx();
    await inReaderLang(actor, async () => {
      for (const c of await this.deps.dispatch(actor, text)) await this.show(c);
    });
    await this.deps.tick();
  }

  /** Read stdin to its end (piped) or until the user quits (TTY). */
  async run(input: NodeJS.ReadableStream): Promise<void> {
    const rl = createInterface({ input, terminal: false });
    const queue: string[] = [];
    let wake: (() => void) | undefined;
    let ended = false;
    rl.on('line', (l) => {
      queue.push(l);
      wake?.();
    });
    rl.on('close', () => {
      ended = true;
      wake?.();
    });
    const nextLine = async (): Promise<string | undefined> => {
      while (!queue.length && !ended) await new Promise<void>((r) => (wake = r));
      return queue.shift();
    };
    const tty = Boolean((input as { isTTY?: boolean }).isTTY);
    await this.startUp();
    this.tty = tty;
    if (tty) this.deps.out.write(`contract-ops terminal chat. You are @${this.handle}. Type /help; /as <name> switches person; /clock +2h moves time (dev).\n> `);
    for (;;) {
      const line = await nextLine();
      if (line === undefined) break;
      if (/^\/?(quit|exit)$/i.test(line.trim())) break;
      if (!tty && line.trim()) this.deps.out.write(`> ${line.trim()}\n`);
      await this.handleLine(line, async (q) => {
        this.deps.out.write(q);
        const l = await nextLine();
        if (!tty && l !== undefined) this.deps.out.write(`${l}\n`);
        return l;
      });
      if (tty) this.deps.out.write('> ');
    }
    rl.close();
  }
}
