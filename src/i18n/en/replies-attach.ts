/** /attach and /sign: what the files and signatures did. */
export const repliesAttach = {
  'replies-attach.step-confirmed': '{code} step {number} confirmed with {file}.',
  'replies-attach.step-signed': '{code} step {number} signed by {signer}.',
  'replies-attach.signer': '{name} ({role})',
  'replies-attach.the-signer': 'the signer',
  'replies-attach.title': 'Attached to {job}',
  'replies-attach.file': '{name}: {kind}, {type}, {kb} KB, sha256 {sha}…',
  'replies-attach.where': 'They appear on /check {job} and in the closing report.',
} as const;
