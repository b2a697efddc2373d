import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256Hex } from '../snapshot/canonical.ts';
import { at, MAX_YAML_BYTES, readYamlFile, type Problem, type YamlSource } from '../yaml-source.ts';
import { compareStrings } from '../compare.ts';

export const MANIFEST = 'pack.yaml';

const YAML_FILE = /\.ya?ml$/i;
/** A rule's test cases (`soc2 rules test`), kept beside it; not a rule, and not part of what evaluation runs. */
export const RULE_TEST_FILE = /\.test\.ya?ml$/i;

/** A pack folder's YAML files: relative paths with `/`, sorted; hidden entries (`.git`, `.github`) are skipped. */
export interface PackFiles {
  hasManifest: boolean;
  /** Every YAML file but the manifest and test files: one rule each. */
  rules: string[];
  /** Rule test files (`*.test.yaml`). */
  tests: string[];
  problems: Problem[];
}

export async function listPackFiles(dir: string): Promise<PackFiles> {
  const problems: Problem[] = [];
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) {
    return { hasManifest: false, rules: [], tests: [], problems: [at(dir, 1, 1, 'not a folder: a rule pack is a folder with a pack.yaml and rule files')] };
  }
  const files = await yamlFilesUnder(dir, '', problems);
  const hasManifest = files.includes(MANIFEST);
  if (!hasManifest) problems.push(at(join(dir, MANIFEST), 1, 1, 'missing: every rule pack needs a pack.yaml (name, version, description, parameters)'));
  const tests = files.filter((file) => RULE_TEST_FILE.test(file));
  const rules = files.filter((file) => file !== MANIFEST && !RULE_TEST_FILE.test(file));
  if (rules.length === 0) problems.push(at(dir, 1, 1, 'the rule pack has no rule files (*.yaml, *.yml)'));
  const tooBig = await sizeProblem(dir, files);
  if (tooBig) return { hasManifest, rules: [], tests: [], problems: [...problems, tooBig] };
  return { hasManifest, rules, tests, problems };
}

/** Most rule files a pack may have; the largest packs in use have a few hundred rules. */
export const MAX_RULE_FILES = 2000;
/** Most YAML a pack may hold, all files together (each file is also limited to MAX_YAML_BYTES). */
export const MAX_PACK_BYTES = 32 * 1024 * 1024;

/** A pack too large to load in bounded time and memory, refused before any file is read. */
async function sizeProblem(dir: string, files: string[]): Promise<Problem | null> {
  if (files.length > MAX_RULE_FILES) {
    return at(dir, 1, 1, `the rule pack has ${files.length} YAML files; the limit is ${MAX_RULE_FILES}: split it into several packs`);
  }
  const sizes = await Promise.all(files.map(async (file) => (await stat(join(dir, file)).catch(() => undefined))?.size ?? 0));
  // A file over the per-file limit is not read (and is reported by itself), so it does not count here.
  const total = sizes.filter((size) => size <= MAX_YAML_BYTES).reduce((sum, size) => sum + size, 0);
  if (total <= MAX_PACK_BYTES) return null;
  return at(dir, 1, 1, `the rule pack holds ${(total / 1024 / 1024).toFixed(1)} MiB of YAML; the limit is ${MAX_PACK_BYTES / 1024 / 1024} MiB`);
}

async function yamlFilesUnder(root: string, relative: string, problems: Problem[]): Promise<string[]> {
  const folder = join(root, relative);
  const entries = await readdir(folder, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    problems.push(at(folder, 1, 1, `cannot be read: ${error.code ?? error.message}`));
    return [];
  });
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = relative ? `${relative}/${entry.name}` : entry.name;
    // Linked files are read like any other; linked folders are refused, so the walk cannot loop.
    const isDirectory = entry.isSymbolicLink() ? (await stat(join(root, path)).catch(() => undefined))?.isDirectory() : entry.isDirectory();
    if (isDirectory && entry.isSymbolicLink()) {
      problems.push(at(join(root, path), 1, 1, 'a symbolic link to a folder is not followed: copy the rules into the pack'));
    } else if (isDirectory) {
      files.push(...(await yamlFilesUnder(root, path, problems)));
    } else if (YAML_FILE.test(entry.name)) {
      files.push(path);
    }
  }
  return files.sort(compareStrings);
}

/**
 * Names exactly what was loaded: SHA-256 of a `sha256sum`-style listing (`<hex>  <relative path>\n` per file,
 * sorted by path), so anyone can recompute it with standard tools. Each file's hash is of the bytes parsed.
 */
export function packSha256(files: readonly { path: string; sha256: string }[]): string {
  const sorted = [...files].sort((a, b) => compareStrings(a.path, b.path));
  return sha256Hex(sorted.map((file) => `${file.sha256}  ${file.path}\n`).join(''));
}


/**
 * A pack's YAML file (rule, pack.yaml, parameter overrides), with a file that cannot be read (permissions, a
 * dangling link) or that nests too deeply as a problem, not a crash.
 */
export async function readPackYaml(file: string): Promise<YamlSource> {
  try {
    return guardPackSource(await readYamlFile(file));
  } catch (error) {
    const problem = at(file, 1, 1, `cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    return { file, value: undefined, problems: [problem], locate: () => ({ line: 1, col: 1 }) };
  }
}

/** Deepest nesting of mappings and lists a pack's file may have: far more than any rule needs. */
export const MAX_NESTING = 64;
const TOO_DEEP = `nested too deeply: the limit is ${MAX_NESTING} levels of mappings and lists`;

/**
 * A parsed pack file made safe and readable for what follows:
 * - after a YAML syntax error the parser reports every later token as unexpected: only the first error is kept;
 * - values nested deeper than MAX_NESTING are refused before anything walks them recursively (the schema check,
 *   the loader, the rules engine); the YAML parser's own stack overflow on far deeper input says the same.
 */
export function guardPackSource(source: YamlSource): YamlSource {
  const firstError = source.problems.find((p) => p.severity === 'error');
  const problems = source.problems
    .filter((p) => p.severity === 'warning' || p === firstError)
    .map((p) => (/call stack/i.test(p.message) ? { ...p, message: TOO_DEEP } : p));
  const tooDeep = firstTooDeep(source.value);
  if (!tooDeep) return { ...source, problems };
  const { line, col } = source.locate(tooDeep);
  return { ...source, value: undefined, problems: [...problems, at(source.file, line, col, TOO_DEEP)] };
}

/** The path of the first value nested deeper than MAX_NESTING, found without recursion. */
function firstTooDeep(root: unknown): (string | number)[] | undefined {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: root, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (path.length >= MAX_NESTING) return path;
    for (const [key, child] of Object.entries(value)) stack.push({ value: child, path: [...path, Array.isArray(value) ? Number(key) : key] });
  }
  return undefined;
}
