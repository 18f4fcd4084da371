/** /close: closing a job and its report. */
export const close = {
  'close.summary': 'Close a job (resolving it first if needed) and post its closing report; --preview shows the report only',
  'close.usage': '/close <job> [--preview]',
  'close.example': '/close J-1001',
  'close.which-job': 'Which job? /close J-1001',
  'close.title': '{preview, select, yes {Report preview} other {Closing report}} {ref}{earlier, select, yes { (closed earlier)} other {}}',
} as const;
