import { basename, dirname, join } from 'node:path';
import { located, readCheckedYaml } from '../controls/checked-yaml.ts';
import type { ResultStatus } from '../evaluate/results.ts';
import { snapshotHash } from '../snapshot/io.ts';
import { SNAPSHOT_SCHEMA_VERSION, type CollectionError, type Snapshot } from '../snapshot/schema.ts';
import { compareStrings } from '../compare.ts';
import { TOOL } from '../version.ts';
import type { Problem } from '../yaml-source.ts';
import { loadPacks } from './loader.ts';
import { RULE_TEST_FILE } from './pack-files.ts';
import type { Pack, Rule } from './types.ts';

/** When a case gives no `collectedAt`: fixed, so that ages, and so verdicts, never depend on the day tests run. */
export const DEFAULT_COLLECTED_AT = '2026-01-01T00:00:00.000Z';

/** One case, ready to run: the rule as the case's parameters make it, and the whole snapshot built from its fragment. */
export interface RuleTestCase {
  name: string;
  file: string;
  line: number;
  col: number;
  rule: Rule;
  snapshot: Snapshot;
  /** Expected status by result subject (ARN, else pointer, else `(no resource)`). */
  expect: Record<string, ResultStatus>;
  count?: number;
}

/** A test file as written (schemas/rule-test.schema.json). */
interface TestFileValue {
  rule: string;
  cases: {
    name: string;
    collectedAt?: string;
    params?: Record<string, unknown>;
    snapshot: { accounts?: Record<string, Record<string, unknown>>; errors?: CollectionError[] };
    expect: Record<string, ResultStatus>;
    count?: number;
  }[];
}

/**
 * Reads and checks one `<rule>.test.yaml` of `pack`: its schema, that it names the rule in the file beside it,
 * unique case names, and parameter overrides the pack accepts. `cases` is set only when there is no error.
 */
export async function readRuleTestFile(pack: Pack, file: string): Promise<{ cases?: RuleTestCase[]; problems: Problem[] }> {
  const { source, value, problems } = await readCheckedYaml<TestFileValue>(file, 'rule-test.schema.json');
  if (!value) return { problems };
  const rule = ruleBeside(pack, file);
  if (!rule) {
    const expected = basename(file).replace(RULE_TEST_FILE, '.yaml');
    problems.push(located(source, ['rule'], `no rule beside this test file: expected a rule file ${expected} (or .yml) in ${dirname(file)}`));
  } else if (rule.id !== value.rule) {
    problems.push(located(source, ['rule'], `this file tests rule "${value.rule}", but the rule beside it (${basename(rule.file)}) is "${rule.id}"`));
  }
  const cases: RuleTestCase[] = [];
  const seen = new Set<string>();
  for (const [i, testCase] of value.cases.entries()) {
    if (seen.has(testCase.name)) problems.push(located(source, ['cases', i, 'name'], `cases.${i}.name: another case is already named "${testCase.name}"`));
    seen.add(testCase.name);
    const withParams = rule && testCase.params ? await reloaded(pack, rule, testCase.params) : rule;
    if (typeof withParams === 'string') problems.push(located(source, ['cases', i, 'params'], `cases.${i}.params: ${withParams}`));
    if (!withParams || typeof withParams === 'string') continue;
    cases.push({
      name: testCase.name,
      file,
      ...source.locate(['cases', i]),
      rule: withParams,
      snapshot: caseSnapshot(testCase.snapshot, testCase.collectedAt ?? DEFAULT_COLLECTED_AT),
      expect: testCase.expect,
      ...(testCase.count === undefined ? {} : { count: testCase.count }),
    });
  }
  return problems.some((p) => p.severity === 'error') ? { problems } : { cases, problems };
}

/** The rule defined in `<name>.yaml` or `<name>.yml` beside `<name>.test.yaml`. */
function ruleBeside(pack: Pack, testFile: string): Rule | undefined {
  const candidates = ['.yaml', '.yml'].map((extension) => testFile.replace(RULE_TEST_FILE, extension));
  return pack.rules.find((rule) => candidates.includes(rule.file));
}

/** The rule reloaded with the case's overrides by the loader itself (same checks as `--param`), or why not. */
async function reloaded(pack: Pack, rule: Rule, params: Record<string, unknown>): Promise<Rule | string> {
  try {
    const [again] = await loadPacks([pack.dir], { params });
    return again!.rules.find((r) => r.id === rule.id)!;
  } catch (error) {
    return (error as Error).message.split('\n').join('; ');
  }
}

/**
 * A whole snapshot around a case's fragment: the manifest (scope from the fragment, hash computed), and each
 * account's `accountId` and `arn`, which every real snapshot has, unless the fragment gives them.
 */
function caseSnapshot(fragment: TestFileValue['cases'][number]['snapshot'], collectedAt: string): Snapshot {
  const ids = Object.keys(fragment.accounts ?? {}).sort(compareStrings);
  const accounts: Record<string, Record<string, unknown>> = Object.fromEntries(
    ids.map((id) => [id, { accountId: id, arn: `arn:aws:iam::${id}:root`, ...fragment.accounts![id] }]),
  );
  const regions = [...new Set(Object.values(accounts).flatMap((account) => Object.keys((account.regions as object | undefined) ?? {})))];
  const snapshot = {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    manifest: {
      tool: { name: TOOL.name, version: TOOL.version },
      collectedAt,
      caller: { account: ids[0] ?? '', arn: `arn:aws:sts::${ids[0] ?? ''}:assumed-role/soc2-rule-tests/case`, userId: 'soc2-rule-tests' },
      scope: { accounts: ids, regions: regions.sort(compareStrings) },
      sha256: '',
    },
    accounts,
    errors: fragment.errors ?? [],
  } as unknown as Snapshot;
  snapshot.manifest.sha256 = snapshotHash(snapshot);
  return snapshot;
}

/** `<name>.test.yaml` of a rule file. */
export function testFileOf(ruleFile: string): string {
  return join(dirname(ruleFile), basename(ruleFile).replace(/\.ya?ml$/i, '.test.yaml'));
}
