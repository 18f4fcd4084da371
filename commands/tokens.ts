/** Split a command line into words; "double quotes" keep spaces, \" escapes a quote. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inQuote = false;
  let has = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\\' && text[i + 1] === '"') {
      cur += '"';
      has = true;
      i++;
    } else if (ch === '"' || ch === '“' || ch === '”') {
      // Slack and phones turn straight quotes into curly ones.
      inQuote = !inQuote;
      has = true;
    } else if (!inQuote && /\s/.test(ch)) {
      if (has) out.push(cur);
      cur = '';
      has = false;
    } else {
      cur += ch;
      has = true;
    }
  }
  if (has) out.push(cur);
  return out;
}
