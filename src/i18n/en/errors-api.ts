/**
 * Refusals only the REST API gives (src/api).
 * The API answers in English; the catalog keeps one source for every refusal all the same.
 */
export const errorsApi = {
  'errors-api.scope': 'This token lacks the "{scope}" scope.',
  'errors-api.upload-too-large': 'The upload is larger than {max} MB; send fewer or smaller files.',
  'errors-api.file-field': 'Send the file in a multipart field named "file".',
  'errors-api.one-file-per-step': 'A step takes one file; upload the others without code and step.',
  'errors-api.no-attachment': '{ref} has no attachment #{id}.',
  'errors-api.csv-body': 'Send the CSV as the body (content-type text/csv), or files as multipart/form-data.',
  'errors-api.contract-body': 'Send the contract as YAML (application/yaml) or JSON (application/json).',
  'errors-api.job-or-contract': 'Give either job or contract.',
  'errors-api.cursor': 'cursor "{cursor}" is not one this list gave out; pass nextCursor from the previous page.',
  'errors-api.risk-filters': 'order=risk takes team, site and limit only; drop {names}.',
  'errors-api.job-status': 'status: {typed} is not a job status.',
  'errors-api.statuses': 'Statuses: {statuses}',
  'errors-api.range': '{to} is before {from}.',
} as const;
