export { t, tIn, CATALOGS, PSEUDO_OPEN, PSEUDO_CLOSE, type MessageKey, type MessageValues } from './t.js';
export { inLanguage, currentLang, currentLocale } from './current.js';
export { LANGS, DEFAULT_LOCALE, isLang, langOf, type Lang, type RenderLang } from './lang.js';
export { formatMoneyIn, formatDateTimeIn, formatDurationIn, formatOr, readerDuration, readerInstant, readerMoney } from './format.js';
export { customerVoice, type CustomerVoice } from './customer.js';
