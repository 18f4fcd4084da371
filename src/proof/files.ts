/**
 * Attachment files: what a file really is (by its first bytes, never by its name or the type the
 * platform claims), the size limit, and content-addressed storage in the attachments folder. The
 * database keeps the metadata; the folder keeps the bytes, so both survive a restart.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { invalid, notFound, tooLarge } from '../errors.js';
import { t } from '../i18n/index.js';

export interface IncomingFile {
  name: string;
  contentType: string;
  data: Buffer;
}

export type StoredType = 'image/jpeg' | 'image/png' | 'image/gif' | 'image/webp' | 'application/pdf';

/** Magic numbers of the types accepted: images people take on site, and PDF (a signed form). */
export function sniffType(data: Buffer): StoredType | undefined {
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data.length >= 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (data.length >= 6 && ['GIF87a', 'GIF89a'].includes(data.subarray(0, 6).toString('latin1'))) return 'image/gif';
  if (data.length >= 12 && data.subarray(0, 4).toString('latin1') === 'RIFF' && data.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  if (data.length >= 5 && data.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  return undefined;
}

export function isImage(t: string): boolean {
  return t.startsWith('image/');
}

function mb(bytes: number): string {
  // Two decimals, so a file just over the limit does not read as the limit itself ("1.03 MB").
  return `${(bytes / (1024 * 1024)).toFixed(2).replace(/\.?0+$/, '')} MB`;
}

export interface CheckedFile extends IncomingFile {
  type: StoredType;
  sha256: string;
}

/**
 * Refuse what must not be stored, with a message that says what to do. A declared type that
 * contradicts the bytes (a renamed .exe called photo.jpg) is refused as what the bytes say.
 */
export function checkFile(f: IncomingFile, maxBytes: number, opts: { imagesOnly?: boolean } = {}): CheckedFile {
  const name = f.name.trim() || 'unnamed file';
  if (name.length > 200) throw invalid(t('errors-proof.file-name-long', { max: 200, start: name.slice(0, 40) }));
  if (!f.data.length) throw invalid(t('errors-proof.file-empty', { file: name }));
  if (f.data.length > maxBytes) {
    throw tooLarge(t('errors-proof.file-too-large', { file: name, size: mb(f.data.length), max: mb(maxBytes) }));
  }
  const type = sniffType(f.data);
  if (!type) {
    const sentAs = f.contentType && f.contentType !== 'application/octet-stream' ? f.contentType : 'none';
    throw invalid(t('errors-proof.file-type', { file: name, sentAs }));
  }
  if (opts.imagesOnly && !isImage(type)) throw invalid(t('errors-proof.file-needs-photo', { file: name }));
  return { ...f, name, type, sha256: createHash('sha256').update(f.data).digest('hex') };
}

/** Relative path of a file in the attachments folder: by checksum, so a re-upload is stored once. */
export function storagePathOf(sha256: string): string {
  return join(sha256.slice(0, 2), sha256);
}

/** Write the bytes if they are not there yet (written to a temporary name, then renamed: no half files). */
export async function storeFile(dir: string, f: CheckedFile): Promise<string> {
  const rel = storagePathOf(f.sha256);
  const full = join(dir, rel);
  const existing = await stat(full).catch(() => undefined);
  if (existing?.size === f.data.length) return rel;
  await mkdir(dirname(full), { recursive: true });
  const tmp = `${full}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(tmp, f.data);
  await rename(tmp, full);
  return rel;
}

/** The stored bytes, checked against the checksum recorded at upload. */
export async function readStored(dir: string, rel: string, sha256: string): Promise<Buffer> {
  const data = await readFile(join(dir, rel)).catch(() => undefined);
  if (!data) throw notFound(t('errors-proof.stored-missing', { path: rel }));
  if (createHash('sha256').update(data).digest('hex') !== sha256) throw notFound(t('errors-proof.stored-changed', { path: rel }));
  return data;
}
