/** /tokens revoke: which token. */
export const repliesTokens = {
  'replies-tokens.not-a-number': '"{typed}" is not a token number; /tokens lists them (#3).',
  'replies-tokens.which': 'Which token? /tokens lists them.',
} as const;
