import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { UserError } from '../user-error.ts';
import { PROJECT_ROOT } from '../version.ts';

/** The pack commands read when given no `--pack`: the standard SOC 2 pack shipped with the tool. */
export const STANDARD_PACK_DIR = join(PROJECT_ROOT, 'rules', 'soc2-aws');

/** An npm package name, scoped or not (what `npm install` accepts as a name). */
const PACKAGE_NAME = /^(@[a-z0-9~-][a-z0-9._~-]*\/)?[a-z0-9~-][a-z0-9._~-]*$/;

/**
 * What `--pack` names: a folder, or the name of an installed npm package that carries a pack (as ESLint's shareable
 * configs are packages). A package is found with Node's module resolution from `cwd`, like `require` would; its
 * pack is the package's folder, or the folder its package.json names in a `soc2Pack` field. An existing folder of
 * the same name wins. Returns the folders in order; throws a UserError naming every spec that resolves to nothing.
 */
export async function resolvePackDirs(specs: readonly string[], cwd = process.cwd()): Promise<string[]> {
  const resolved = await Promise.all(specs.map((spec) => resolvePackDir(spec, cwd)));
  const problems = resolved.flatMap((r) => ('problem' in r ? [r.problem] : []));
  if (problems.length > 0) throw new UserError(problems.join('\n'));
  return resolved.map((r) => ('dir' in r ? r.dir : ''));
}

async function resolvePackDir(spec: string, cwd: string): Promise<{ dir: string } | { problem: string }> {
  // A folder keeps the name it was given when that resolves the same from here, so messages name it as typed.
  const folder = resolve(cwd, spec) === resolve(spec) ? spec : resolve(cwd, spec);
  if (await isDirectory(folder)) return { dir: folder };
  // Not a folder, and not a package name either: the loader reports the missing folder, located.
  if (!PACKAGE_NAME.test(spec)) return { dir: folder };
  let manifestFile: string;
  try {
    manifestFile = createRequire(join(cwd, 'noop.js')).resolve(`${spec}/package.json`);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_PACKAGE_PATH_NOT_EXPORTED') {
      return { problem: `pack ${spec}: the package does not export its package.json; add "./package.json": "./package.json" to its "exports"` };
    }
    return { problem: `pack ${spec}: not a folder, and no npm package of that name is installed (looked up from ${cwd})` };
  }
  const root = dirname(manifestFile);
  let field: unknown;
  try {
    field = (JSON.parse(await readFile(manifestFile, 'utf8')) as { soc2Pack?: unknown }).soc2Pack;
  } catch (error) {
    return { problem: `pack ${spec}: ${manifestFile} cannot be read: ${(error as Error).message}` };
  }
  if (field === undefined) return { dir: root };
  const dir = typeof field === 'string' ? resolve(root, field) : undefined;
  const inside = dir !== undefined && !relative(root, dir).startsWith('..') && !isAbsolute(relative(root, dir));
  if (!inside) return { problem: `pack ${spec}: "soc2Pack" in ${manifestFile} must be a folder inside the package, got ${JSON.stringify(field)}` };
  return { dir: dir! };
}

async function isDirectory(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
}
