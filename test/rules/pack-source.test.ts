import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPacks } from '../../src/rules/loader.ts';
import { resolvePackDirs } from '../../src/rules/pack-source.ts';
import { UserError } from '../../src/user-error.ts';
import { projectWithPackages } from './support.ts';

describe('resolvePackDirs', () => {
  it('takes folders as given, and finds installed packages the way require does', async () => {
    const project = await projectWithPackages();
    const modules = join(project, 'node_modules');
    expect(await resolvePackDirs(['rules/soc2-aws'])).toEqual(['rules/soc2-aws']);
    expect(await resolvePackDirs(['@acme/soc2-extra', 'plain-pack', 'node_modules/plain-pack'], project)).toEqual([
      join(modules, '@acme/soc2-extra/pack'), // the folder its package.json names in soc2Pack
      join(modules, 'plain-pack'), // no soc2Pack: the package root
      join(modules, 'plain-pack'), // a folder, relative to the working directory
    ]);
    // From a subfolder, as Node looks in the node_modules of every folder above.
    const deep = join(project, 'a', 'b');
    await mkdir(deep, { recursive: true });
    expect(await resolvePackDirs(['plain-pack'], deep)).toEqual([join(modules, 'plain-pack')]);
  });

  it('loads a pack from a package, with its rules and parameters', async () => {
    const project = await projectWithPackages();
    const packs = await loadPacks(await resolvePackDirs(['@acme/soc2-extra', 'plain-pack'], project));
    expect(packs.map((p) => [p.name, p.version, p.rules.map((r) => r.id), p.parameters])).toEqual([
      ['acme-extra', '2.1.0', ['iam-user-no-admin'], { adminAction: '*' }],
      ['plain', '1.0.0', ['plain-root-mfa'], {}],
    ]);
  });

  it('names every spec that resolves to nothing, at once', async () => {
    const project = await projectWithPackages();
    const error = await resolvePackDirs(['not-installed', 'escaping-pack', 'locked-pack', '@acme/soc2-extra'], project).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message.split('\n')).toEqual([
      `pack not-installed: not a folder, and no npm package of that name is installed (looked up from ${project})`,
      `pack escaping-pack: "soc2Pack" in ${join(project, 'node_modules/escaping-pack/package.json')} must be a folder inside the package, got "../plain-pack"`,
      'pack locked-pack: the package does not export its package.json; add "./package.json": "./package.json" to its "exports"',
    ]);
  });

  it('leaves a path that is no package name to the loader, which reports the missing folder', async () => {
    expect(await resolvePackDirs(['missing/folder'])).toEqual(['missing/folder']);
  });
});
