/**
 * An SLA window's explanation (src/rules/sla-explain.ts) as one line of text in a language: its
 * phrases from the catalog, its instants in the viewer's zone and its durations as the language
 * writes them ("Response P2: due Tue 12:20 CET: …", "Intervention P2 : échéance mar. 12:20 CET : …").
 */
import { DateTime } from 'luxon';
import { currentLang, currentLocale } from '../i18n/current.js';
import { formatDurationIn } from '../i18n/format.js';
import { DEFAULT_LOCALE, type RenderLang } from '../i18n/lang.js';
import { tIn, type MessageKey, type MessageValues } from '../i18n/t.js';
import { explainSla, type Phrase, type Piece } from '../rules/sla-explain.js';
import type { WindowState } from '../rules/sla.js';
import { formatDuration } from '../rules/units.js';
import { zoneLabel } from '../rules/zone-label.js';

/** The explanation of a window in the viewer's zone, in the current reader's language unless one is named. */
export function explainText(ws: WindowState, viewerZone: string, lang: RenderLang = currentLang(),
  locale: string = lang === currentLang() ? currentLocale() : DEFAULT_LOCALE[lang],
): string {
  const ex = explainSla(ws, viewerZone);
  const french = lang === 'fr';
  const dtLocale = french ? locale : 'en-US';
  const say = (key: MessageKey, values?: MessageValues) => tIn(lang, key, values, locale);

  const piece = (v: Piece): string | number => {
    if (typeof v === 'string' || typeof v === 'number') return v;
    if ('key' in v) return phrase(v);
    if ('list' in v) return v.list.map(phrase).join(say('sla-explain.list-sep'));
    if ('minutes' in v) return french ? formatDurationIn(locale, v.minutes) : formatDuration(v.minutes);
    if ('status' in v) return v.status;
    const dt = DateTime.fromJSDate(v.at, { zone: ex.zone }).setLocale(dtLocale);
    if (v.form === 'clock') return dt.toFormat('HH:mm');
    const text = dt.toFormat(ex.withDate ? 'ccc d LLL HH:mm' : 'ccc HH:mm');
    return v.form === 'zoned' ? `${text} ${zoneLabel(dt)}` : text;
  };
  function phrase(ph: Phrase): string {
    const key: MessageKey = `sla-explain.${ph.key}`;
    const values: MessageValues = {};
    for (const [name, v] of Object.entries(ph.values ?? {})) values[name] = piece(v);
    return say(key, values);
  }

  return [phrase(ex.line), ...ex.more.map(phrase)].join(say('sla-explain.sep'));
}
