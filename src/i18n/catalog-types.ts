/** A language's messages for one area: the same keys as the English, each an ICU message. */
export type Translations<En> = { readonly [K in keyof En]: string };
