import { join } from 'node:path';
import { UserError } from '../user-error.ts';
import { at, formatProblem, sortProblems, type Problem } from '../yaml-source.ts';
import { listPackFiles, MANIFEST, packSha256 } from './pack-files.ts';
import { absentManifest, readManifest, type ManifestFile } from './pack-manifest.ts';
import { readRuleFile, type RuleFile } from './rule-file.ts';
import { sortedList } from './rule-checks.ts';
import type { Pack } from './types.ts';
import { compareStrings } from '../compare.ts';

export interface LoadOptions {
  /** Parameter overrides by name; each applies to every pack that declares the parameter, and must keep its type. */
  params?: Record<string, unknown>;
  /** Where overrides were written (a `--params` file), so that problems with them are located there. */
  paramLocations?: Record<string, Location>;
  /** The criteria catalog's ids: when given, a rule naming another criterion is an error. */
  criteria?: readonly string[];
}

export interface Location {
  file: string;
  line: number;
  col: number;
}

export interface LoadResult {
  /** The packs that loaded without errors, sorted by name. Use them only when there are no problems. */
  packs: Pack[];
  /** Every problem in every file, sorted (warnings included). */
  problems: Problem[];
  /** Overrides given on the command line (`--param`) that no pack declares: they belong to no file. */
  overrideProblems: string[];
}

/** Loads rule packs, or throws a UserError (exit code 2) listing every problem of every pack, one per line. */
export async function loadPacks(dirs: string[], options: LoadOptions = {}): Promise<Pack[]> {
  const result = await loadPacksWithProblems(dirs, options);
  if (result.overrideProblems.length > 0 || result.problems.some((p) => p.severity === 'error')) {
    throw new UserError(problemLines(result).join('\n'));
  }
  return result.packs;
}

/** The problems of a load, as printed: override problems first, then `file:line:col: message` lines. */
export function problemLines(result: LoadResult): string[] {
  return [...result.overrideProblems, ...result.problems.map(formatProblem)];
}

export async function loadPacksWithProblems(dirs: string[], options: LoadOptions = {}): Promise<LoadResult> {
  const loaded = await Promise.all(dirs.map((dir) => loadPack(dir, options)));
  const undeclared = undeclaredOverrides(loaded, options);
  const problems = [
    ...loaded.flatMap((pack) => pack.problems),
    ...undeclared.located,
    ...duplicates('rule pack name', loaded.flatMap((pack) => (pack.manifest.name ? [{ file: pack.manifest.file, ...pack.manifest.name }] : []))),
    ...duplicates('rule id', loaded.flatMap((pack) => pack.ruleFiles.flatMap((rule) => (rule.id ? [{ file: rule.file, ...rule.id }] : [])))),
  ];
  const packs = loaded.flatMap((pack) => (pack.pack ? [pack.pack] : [])).sort((a, b) => compareStrings(a.name, b.name));
  return { packs, problems: sortProblems(problems), overrideProblems: undeclared.unlocated };
}

interface LoadedPack {
  pack?: Pack;
  manifest: ManifestFile;
  ruleFiles: RuleFile[];
  problems: Problem[];
}

async function loadPack(dir: string, options: LoadOptions): Promise<LoadedPack> {
  const files = await listPackFiles(dir);
  const manifestFile = join(dir, MANIFEST);
  // A missing pack.yaml is already one of `files.problems`.
  const manifest = files.hasManifest ? await readManifest(manifestFile) : absentManifest(manifestFile);
  const { parameters, problems: overrideProblems } = effectiveParameters(manifest, options);
  const context = { pack: manifest.name?.value ?? dir, parameters, ...(options.criteria ? { criteria: new Set(options.criteria) } : {}) };
  const ruleFiles = await Promise.all(files.rules.map((file) => readRuleFile(join(dir, file), context)));
  const problems = [...files.problems, ...manifest.problems, ...overrideProblems, ...ruleFiles.flatMap((rule) => rule.problems)];
  if (!manifest.manifest || problems.some((p) => p.severity === 'error')) return { manifest, ruleFiles, problems };
  const { name, version, description } = manifest.manifest;
  const rules = ruleFiles.flatMap((file) => (file.rule ? [file.rule] : [])).sort((a, b) => compareStrings(a.id, b.id));
  const sha256 = packSha256([
    { path: MANIFEST, sha256: manifest.sha256! },
    ...files.rules.map((path, i) => ({ path, sha256: ruleFiles[i]!.sha256! })),
  ]);
  return { manifest, ruleFiles, problems, pack: { name, version, description, dir, sha256, parameters: parameters ?? {}, rules } };
}

/** The pack's defaults with the overrides it declares applied, keys sorted; undefined when pack.yaml is unreadable. */
function effectiveParameters(manifest: ManifestFile, { params: overrides = {}, paramLocations = {} }: LoadOptions) {
  const problems: Problem[] = [];
  if (manifest.parameters === undefined) return { parameters: undefined, problems };
  const parameters: Record<string, unknown> = {};
  for (const name of Object.keys(manifest.parameters).sort(compareStrings)) {
    const declared = manifest.parameters[name];
    if (!Object.hasOwn(overrides, name)) {
      parameters[name] = declared;
      continue;
    }
    const override = overrides[name];
    if (declared !== null && jsonType(override) !== jsonType(declared)) {
      const { line, col } = manifest.locateParameter(name);
      const overridden = `parameter "${name}" is overridden with ${JSON.stringify(override)} (${jsonType(override)})`;
      const written = locationOf(paramLocations, name);
      problems.push(
        written
          ? at(written.file, written.line, written.col, `${overridden}, but its default in ${manifest.file}:${line}:${col} is ${jsonType(declared)}`)
          : at(manifest.file, line, col, `${overridden}, but its default ${JSON.stringify(declared)} is ${jsonType(declared)}`),
      );
      // The rules are checked with the default, so that this one mistake is reported once.
      parameters[name] = declared;
      continue;
    }
    parameters[name] = override;
  }
  return { parameters, problems };
}

/** Where override `name` was written; own entries only, so `--param constructor=1` is not located at Object's. */
function locationOf(locations: Record<string, Location>, name: string): Location | undefined {
  return Object.hasOwn(locations, name) ? locations[name] : undefined;
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Overrides no pack declares: a typo there would silently leave the default in force. */
function undeclaredOverrides(loaded: LoadedPack[], { params = {}, paramLocations = {} }: LoadOptions): { located: Problem[]; unlocated: string[] } {
  const result = { located: [] as Problem[], unlocated: [] as string[] };
  // With a pack.yaml unreadable, its declarations are unknown: that pack's own problem is reported instead.
  if (loaded.some((pack) => pack.manifest.parameters === undefined)) return result;
  const declared = new Set(loaded.flatMap((pack) => Object.keys(pack.manifest.parameters ?? {})));
  const known = declared.size ? `declared: ${sortedList([...declared])}` : 'no pack declares any parameter';
  for (const name of Object.keys(params).sort(compareStrings)) {
    if (declared.has(name)) continue;
    const message = `parameter override "${name}": no rule pack declares this parameter (${known})`;
    const written = locationOf(paramLocations, name);
    if (written) result.located.push(at(written.file, written.line, written.col, message));
    else result.unlocated.push(message);
  }
  return result;
}

interface Located {
  file: string;
  value: string;
  line: number;
  col: number;
}

/** Each place a name is defined more than once, pointing at the others. */
function duplicates(what: string, places: Located[]): Problem[] {
  const byValue = new Map<string, Located[]>();
  for (const place of places) {
    const same = byValue.get(place.value);
    if (same) same.push(place);
    else byValue.set(place.value, [place]);
  }
  return [...byValue.values()].flatMap((same) =>
    same.length < 2
      ? []
      : same.map((place) => {
          const where = same.filter((other) => other !== place).map((other) => `${other.file}:${other.line}:${other.col}`).join(', ');
          return at(place.file, place.line, place.col, `duplicate ${what} "${place.value}": also defined at ${where}`);
        }),
  );
}
