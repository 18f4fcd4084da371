/** Refusals of the field and quote pages (src/web). */
export const errorsWeb = {
  'errors-web.no-quote': 'No quote.',
  'errors-web.accept-or-decline': 'Choose Accept or Decline.',
  'errors-web.sign-first': 'Sign in the box first: the signature drawing did not arrive.',
  'errors-web.signer': "Type the signer's name and role.",
} as const;
