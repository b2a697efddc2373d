import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach } from 'vitest';
import { runCli, type CliRun } from '../support/cli.ts';

const PACKAGES = new URL('../fixtures/pack-packages/', import.meta.url).pathname;

const temporaryDirs: string[] = [];
afterEach(async () => {
  await Promise.all(temporaryDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A fresh folder, removed after the test. */
export async function temporaryDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'soc2-rules-'));
  temporaryDirs.push(dir);
  return dir;
}

/** Writes files (relative path -> text) under `dir`, creating folders. */
export async function writeFiles(dir: string, files: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
}

/** A project folder with the fixture packages "installed" in its node_modules (copied: nothing is downloaded). */
export async function projectWithPackages(): Promise<string> {
  const project = await temporaryDir();
  await cp(PACKAGES, join(project, 'node_modules'), { recursive: true });
  return project;
}

export const PACK_YAML = 'name: p\nversion: 1.0.0\ndescription: d\n';

/** A minimal valid rule file; `extra` lines are appended (fields the schema allows once each). */
export function ruleYaml(id: string, conditions = '  all:\n    - { fact: resource, path: $.x, operator: equal, value: 1 }', extra = ''): string {
  return `id: ${id}\ntitle: t\ncriteria: [CC6.1]\nseverity: low\nselect: $.accounts.*\nconditions:\n${conditions}\nrationale: r\nremediation: m\n${extra}`;
}

/** Runs the CLI in `cwd`; never throws. */
export function soc2(cwd: string, ...args: string[]): Promise<CliRun> {
  return runCli(args, { cwd });
}
