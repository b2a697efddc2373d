import type { Problem, YamlSource } from '../yaml-source.ts';
import type { Catalog } from './catalog.ts';
import { located, readCheckedYaml, throwIfErrors } from './checked-yaml.ts';
import type { RuleReference } from './rule-references.ts';

export const FREQUENCIES = ['per-event', 'daily', 'weekly', 'monthly', 'quarterly', 'semiannual', 'annual'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

/** Evidence a person has to produce, for example a quarterly access review sign-off. */
export interface ManualEvidence {
  evidence: string;
  frequency: Frequency;
}

export interface Control {
  id: string;
  title: string;
  description: string;
  owner: string;
  /** Ids of the catalog's criteria this control addresses. */
  criteria: string[];
  rules: RuleReference[];
  manual: ManualEvidence[];
}

/** An organization's own controls, mapped onto a catalog's criteria and onto rules. Controls in file order. */
export interface Framework {
  name: string;
  version: string;
  /** The id of the catalog the controls' criteria come from. */
  catalog: string;
  controls: Control[];
}

/** A framework that loaded without errors, and the warnings its checks found. */
export interface LoadedFramework {
  framework: Framework;
  warnings: Problem[];
}

interface FrameworkFile {
  framework: string;
  version: string;
  catalog: string;
  controls: (Omit<Control, 'rules' | 'manual'> & { rules?: RuleReference[]; manual?: ManualEvidence[] })[];
}

/**
 * Reads a framework and checks it against its catalog: the catalog is the one named, criteria exist, control ids
 * are unique, and every control has some evidence (rules or manual). `framework` is set when the file has the
 * schema's shape, even if other problems remain, so callers can add their own checks before reporting them all.
 */
export async function readFramework(file: string, catalog: Catalog): Promise<{ framework?: Framework; source: YamlSource; problems: Problem[] }> {
  const { source, value, problems } = await readCheckedYaml<FrameworkFile>(file, 'framework.schema.json');
  if (!value) return { source, problems };
  const controls = value.controls.map((control) => ({ ...control, rules: control.rules ?? [], manual: control.manual ?? [] }));
  const framework = { name: value.framework, version: value.version, catalog: value.catalog, controls };
  return { framework, source, problems: [...problems, ...frameworkProblems(source, framework, catalog)] };
}

/** Reads a framework, throwing every error at once as a UserError. */
export async function loadFramework(file: string, catalog: Catalog): Promise<LoadedFramework> {
  const { framework, problems } = await readFramework(file, catalog);
  const warnings = throwIfErrors(problems);
  return { framework: framework!, warnings };
}

function frameworkProblems(source: YamlSource, framework: Framework, catalog: Catalog): Problem[] {
  if (framework.catalog !== catalog.id) {
    // Every criterion would be unknown: one problem says why.
    return [located(source, ['catalog'], `the framework maps onto catalog "${framework.catalog}", but the catalog loaded is "${catalog.id}" (name its file with --catalog)`)];
  }
  const known = new Set(catalog.criteria.map((criterion) => criterion.id));
  const problems: Problem[] = [];
  const ids = new Set<string>();
  framework.controls.forEach((control, c) => {
    if (ids.has(control.id)) problems.push(located(source, ['controls', c, 'id'], `duplicate control id "${control.id}"`));
    ids.add(control.id);
    control.criteria.forEach((criterion, k) => {
      if (!known.has(criterion)) {
        problems.push(located(source, ['controls', c, 'criteria', k], `control ${control.id}: unknown criterion "${criterion}" (not in catalog ${catalog.id})`));
      }
    });
    if (control.rules.length === 0 && control.manual.length === 0) {
      problems.push(located(source, ['controls', c, 'id'], `control ${control.id} has no evidence: give it rules, manual evidence, or both`));
    }
  });
  return problems;
}
