import writeFileAtomic from 'write-file-atomic';
import { stableStringify } from './snapshot/canonical.ts';

/** Writes through a temporary file and a rename, so a reader never sees half a file. */
export async function writeTextAtomic(path: string, text: string): Promise<void> {
  await writeFileAtomic(path, text, { encoding: 'utf8' });
}

export async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  await writeTextAtomic(path, stableStringify(value));
}
