/** The sign-off page (src/web/sign-page.ts): the customer's representative signs, in the customer's language (the contract's locale). */
export const fieldSign = {
  'field-sign.title': 'Sign-off {ref}',
  'field-sign.step': 'Step to sign',
  'field-sign.option': '{code} step {n}: {step}',
  'field-sign.name': "Signer's name",
  'field-sign.role': "Signer's role",
  'field-sign.role-hint': 'charge nurse, site manager',
  'field-sign.signature': 'Signature',
  'field-sign.clear': 'Clear',
  'field-sign.sign': 'Sign',
  'field-sign.sign-first': 'Sign in the box first.',
  'field-sign.none': 'No sign-off step is waiting on {ref}{why}.',
  'field-sign.none-why': ': earlier steps come first, or it is signed already',
  'field-sign.done': '{code} step {n} signed by {name} ({role}) at {at}{sha}.',
  'field-sign.sha': '; SHA-256 {sha}',
} as const;
