import writeFileAtomic from 'write-file-atomic';
import { stableStringify } from './snapshot/canonical.ts';
import { UserError } from './user-error.ts';

/**
 * Writes through a temporary file and a rename, so a reader never sees half a file. A path that cannot be
 * written (no such folder, no permission) is the user's to fix: a UserError naming the file.
 */
export async function writeTextAtomic(path: string, text: string): Promise<void> {
  try {
    await writeFileAtomic(path, text, { encoding: 'utf8' });
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    const reason = code === 'ENOENT' ? 'its folder does not exist' : code === 'EACCES' ? 'permission denied' : message;
    throw new UserError(`${path}: cannot write the file: ${reason}`);
  }
}

export async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  await writeTextAtomic(path, stableStringify(value));
}
