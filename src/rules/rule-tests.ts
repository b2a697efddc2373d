import { join } from 'node:path';
import { evaluate } from '../evaluate/evaluate.ts';
import { resultSubject, type ResultStatus, type RuleResult } from '../evaluate/results.ts';
import { UserError } from '../user-error.ts';
import { at, formatProblem, sortProblems, type Problem } from '../yaml-source.ts';
import { loadPacks } from './loader.ts';
import { listPackFiles } from './pack-files.ts';
import { readRuleTestFile, testFileOf, type RuleTestCase } from './rule-test-file.ts';

/** One expectation of a case, with what the rule gave. */
export interface Expectation {
  subject: string;
  expected: ResultStatus;
  /** The results with that subject (normally one; none when the rule gave no such result). */
  actual: RuleResult[];
  met: boolean;
}

export interface CaseOutcome {
  rule: string;
  name: string;
  file: string;
  line: number;
  col: number;
  passed: boolean;
  expectations: Expectation[];
  /** Every result the rule gave. */
  results: RuleResult[];
  /** Set when the case gives `count`. */
  count?: { expected: number; actual: number };
}

export interface RuleTestRun {
  /** In pack order, then test file order, then case order. */
  outcomes: CaseOutcome[];
  /** The test files' YAML warnings, and rules without test cases. */
  warnings: Problem[];
}

/**
 * `soc2 rules test`: runs every `<rule>.test.yaml` case of the packs in `dirs` with the real evaluator, on its
 * rule alone. Throws a UserError (exit 2) listing every problem when a pack or a test file is broken.
 */
export async function runRuleTests(dirs: string[]): Promise<RuleTestRun> {
  const packs = await loadPacks(dirs);
  const problems: Problem[] = [];
  const runs: { pack: (typeof packs)[number]; cases: RuleTestCase[] }[] = [];
  for (const pack of packs) {
    const testFiles = (await listPackFiles(pack.dir)).tests.map((file) => join(pack.dir, file));
    for (const file of testFiles) {
      const read = await readRuleTestFile(pack, file);
      problems.push(...read.problems);
      if (read.cases) runs.push({ pack, cases: read.cases });
    }
  }
  const sorted = sortProblems(problems);
  if (sorted.some((p) => p.severity === 'error')) throw new UserError(sorted.map(formatProblem).join('\n'));
  const tested = new Set(runs.flatMap(({ cases }) => cases.map((testCase) => testCase.rule.id)));
  const untested = packs.flatMap((pack) => pack.rules.filter((rule) => !tested.has(rule.id)));
  const outcomes: CaseOutcome[] = [];
  for (const { pack, cases } of runs) {
    for (const testCase of cases) {
      const { results } = await evaluate(testCase.snapshot, [{ ...pack, rules: [testCase.rule] }]);
      outcomes.push(judge(testCase, results));
    }
  }
  return {
    outcomes,
    warnings: [...sorted, ...untested.map((rule) => at(rule.file, 1, 1, `rule ${rule.id} has no test cases: add ${testFileOf(rule.file)}`, 'warning'))],
  };
}

function judge(testCase: RuleTestCase, results: RuleResult[]): CaseOutcome {
  const expectations = Object.entries(testCase.expect).map(([subject, expected]): Expectation => {
    const actual = results.filter((result) => resultSubject(result) === subject);
    return { subject, expected, actual, met: actual.length > 0 && actual.every((result) => result.status === expected) };
  });
  const count = testCase.count === undefined ? undefined : { expected: testCase.count, actual: results.length };
  const { rule, name, file, line, col } = testCase;
  return {
    rule: rule.id,
    name,
    file,
    line,
    col,
    passed: expectations.every((e) => e.met) && (count === undefined || count.expected === count.actual),
    expectations,
    results,
    ...(count === undefined ? {} : { count }),
  };
}
