import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parameter, parameterOptions } from '../../src/cli/options.ts';
import { loadPacks, loadPacksWithProblems } from '../../src/rules/loader.ts';
import { readParameterFile } from '../../src/rules/parameter-file.ts';
import { UserError } from '../../src/user-error.ts';
import { formatProblem } from '../../src/yaml-source.ts';
import { temporaryDir, writeFiles } from './support.ts';

const VALID = 'test/fixtures/packs/valid';
/** More aliases than any real file has: refused as a possible "billion laughs". */
const ALIASES = `a: &a [1]\n${Array.from({ length: 150 }, (_, i) => `c${i}: *a`).join('\n')}\n`;

async function paramsFile(text: string): Promise<string> {
  const dir = await temporaryDir();
  await writeFiles(dir, { 'params.yaml': text });
  return join(dir, 'params.yaml');
}

describe('--params FILE', () => {
  it('overrides pack defaults', async () => {
    const file = await paramsFile('# tighter than the pack\nmaxKeyAgeDays: 30\nallowedRegions: [eu-west-1]\n');
    const [pack] = await loadPacks([VALID], await parameterOptions({ params: file }));
    expect(pack!.parameters).toEqual({ allowedRegions: ['eu-west-1'], maxKeyAgeDays: 30 });
  });

  it('locates a type mismatch and an undeclared name in the file', async () => {
    const file = await paramsFile('maxKeyAgeDays: "30"\nmaxKeyAge: 30\n');
    const result = await loadPacksWithProblems([VALID], await parameterOptions({ params: file }));
    expect(result.overrideProblems).toEqual([]);
    expect(result.problems.map(formatProblem)).toEqual([
      `${file}:1:1: parameter "maxKeyAgeDays" is overridden with "30" (a string), but its default in ${VALID}/pack.yaml:6:18 is a number`,
      `${file}:2:1: parameter override "maxKeyAge": no rule pack declares this parameter (declared: allowedRegions, maxKeyAgeDays)`,
    ]);
  });

  it('gives way to --param for the same name, whose problems then belong to no file', async () => {
    const file = await paramsFile('maxKeyAgeDays: 30\n');
    const options = await parameterOptions({ params: file, param: parameter('maxKeyAgeDays=7') });
    expect(options).toEqual({ params: { maxKeyAgeDays: 7 }, paramLocations: {} });
    const [pack] = await loadPacks([VALID], options);
    expect(pack!.parameters.maxKeyAgeDays).toBe(7);
  });

  it('refuses a file that is not a mapping, does not parse, or does not exist, located', async () => {
    const messages = await Promise.all(
      ['- maxKeyAgeDays: 30\n', 'maxKeyAgeDays: [30\n', ALIASES].map(
        async (text) => (await readParameterFile(await paramsFile(text)).catch((e: unknown) => e)) as UserError,
      ),
    );
    expect(messages.map((e) => e instanceof UserError && e.message.replace(/^.*params\.yaml/, 'params.yaml'))).toEqual([
      'params.yaml:1:1: expected a mapping from parameter names to values, for example "maxAccessKeyAgeDays: 30"',
      'params.yaml:2:1: Flow sequence in block collection must be sufficiently indented and end with a ]',
      'params.yaml:1:1: cannot be read: Excessive alias count indicates a resource exhaustion attack',
    ]);
    const missing = await readParameterFile('no/such/params.yaml').catch((e: unknown) => e);
    expect((missing as UserError).message).toBe('no/such/params.yaml:1:1: cannot be read: ENOENT');
  });
});

describe('--param name=value', () => {
  it('reads JSON when it parses, else text, and refuses a name given twice or no =', () => {
    expect(parameter('days=90', parameter('name=prod-*'))).toEqual({ name: 'prod-*', days: 90 });
    expect(parameter('list=["a"]')).toEqual({ list: ['a'] });
    expect(() => parameter('days=1', { days: 2 })).toThrow('parameter "days" is given twice');
    expect(() => parameter('days')).toThrow('expected name=value');
  });
});

describe('parameter names that are also Object.prototype names', () => {
  it('reports an undeclared --param __proto__ or constructor as belonging to no file', async () => {
    const options = await parameterOptions({ param: parameter('constructor=1', parameter('__proto__=1')) });
    const result = await loadPacksWithProblems([VALID], options);
    expect(result.problems).toEqual([]);
    expect(result.overrideProblems).toEqual([
      'parameter override "__proto__": no rule pack declares this parameter (declared: allowedRegions, maxKeyAgeDays)',
      'parameter override "constructor": no rule pack declares this parameter (declared: allowedRegions, maxKeyAgeDays)',
    ]);
  });
});
