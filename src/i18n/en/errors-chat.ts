/** Refusals the chat adapters give themselves (src/chat). */
export const errorsChat = {
  'errors-chat.file-too-large': '{file} is {size} MB; the limit is {max} MB.',
  'errors-chat.file-larger': '{file} is larger than {max} MB.',
} as const;
