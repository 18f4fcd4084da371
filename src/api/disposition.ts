/**
 * `Content-Disposition` for a file whose name a user chose (RFC 6266, RFC 8187/5987): an ASCII
 * `filename="..."` fallback for old clients beside `filename*=UTF-8''...` with the real name.
 * Header values must be Latin-1, so `Zoë.png` or `📷 site.png` written as they are would make the
 * download fail before a byte is sent.
 */
import { create } from 'content-disposition';

export function contentDisposition(type: 'inline' | 'attachment', fileName: string): string {
  // Control characters (a newline, a NUL) are never part of a name worth keeping.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  const name = fileName.replace(/[\u0000-\u001f\u007f]/g, '_').trim() || 'file';
  return create(name, { type });
}
