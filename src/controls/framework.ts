import { pointerOf } from '../pointer.ts';
import type { Problem, YamlSource } from '../yaml-source.ts';
import type { Catalog } from './catalog.ts';
import { located, readCheckedYaml, throwIfErrors } from './checked-yaml.ts';
import type { RuleReference } from './rule-references.ts';
import { isPlainObject } from '../plain-object.ts';

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
 * The fields of one control the schema accepted, at its index in the file's `controls`, so the other checks run
 * on a file with schema violations too and one run reports everything. A rejected field is undefined; an absent
 * optional list is empty. A control whose id was rejected is left out: its problems could not name it.
 */
export interface ControlFields {
  index: number;
  id: string;
  criteria?: string[];
  rules?: RuleReference[];
  manual?: ManualEvidence[];
}

/** What reading a framework found: `framework` is set only when the file matched the schema. */
export interface ReadFramework {
  framework?: Framework;
  /** The controls as far as they are well-formed, for checks the caller adds (rule references). */
  controls: ControlFields[];
  source: YamlSource;
  problems: Problem[];
}

/**
 * Reads a framework and checks it against its catalog: the catalog is the one named, criteria exist, control ids
 * are unique, and every control has some evidence (rules or manual). These checks run on every well-formed part
 * even when the schema rejected others, so callers can add their own checks and report every problem at once.
 */
export async function readFramework(file: string, catalog: Catalog): Promise<ReadFramework> {
  const { source, value, problems, rejected } = await readCheckedYaml<FrameworkFile>(file, 'framework.schema.json');
  const accepted = (...path: (string | number)[]) => {
    const pointer = pointerOf(path);
    return !rejected.some((node) => node === pointer || node.startsWith(`${pointer}/`));
  };
  const raw = isPlainObject(source.value) ? source.value : {};
  const controls = (Array.isArray(raw.controls) ? raw.controls : []).flatMap((control: unknown, index) =>
    wellFormedFields(control, index, accepted),
  );
  const catalogId = typeof raw.catalog === 'string' && accepted('catalog') ? raw.catalog : undefined;
  const found = [...problems, ...frameworkProblems(source, catalogId, controls, catalog)];
  if (!value) return { controls, source, problems: found };
  const framework = {
    name: value.framework,
    version: value.version,
    catalog: value.catalog,
    controls: value.controls.map((control) => ({ ...control, rules: control.rules ?? [], manual: control.manual ?? [] })),
  };
  return { framework, controls, source, problems: found };
}

function wellFormedFields(control: unknown, index: number, accepted: (...path: (string | number)[]) => boolean): ControlFields[] {
  if (!isPlainObject(control) || typeof control.id !== 'string' || !accepted('controls', index, 'id')) return [];
  // A field present and accepted has the schema's type; an absent one is either optional (a list: empty) or
  // required (criteria: already a schema problem, so nothing to check).
  const field = <T>(name: keyof Control, absent: T | undefined) =>
    accepted('controls', index, name) ? ((control[name] as T | undefined) ?? absent) : undefined;
  return [
    {
      index,
      id: control.id,
      criteria: field<string[]>('criteria', undefined),
      rules: field<RuleReference[]>('rules', []),
      manual: field<ManualEvidence[]>('manual', []),
    },
  ];
}

/** Reads a framework, throwing every error at once as a UserError. */
export async function loadFramework(file: string, catalog: Catalog): Promise<LoadedFramework> {
  const { framework, problems } = await readFramework(file, catalog);
  const warnings = throwIfErrors(problems);
  return { framework: framework!, warnings };
}

function frameworkProblems(source: YamlSource, catalogId: string | undefined, controls: readonly ControlFields[], catalog: Catalog): Problem[] {
  const problems: Problem[] = [];
  // Every criterion would be unknown: one problem says why. A rejected `catalog` is already a problem of its own.
  const checksCriteria = catalogId === catalog.id;
  if (catalogId !== undefined && !checksCriteria) {
    problems.push(located(source, ['catalog'], `the framework maps onto catalog "${catalogId}", but the catalog loaded is "${catalog.id}" (name its file with --catalog)`));
  }
  const known = new Set(catalog.criteria.map((criterion) => criterion.id));
  const ids = new Set<string>();
  for (const { index: c, id, criteria, rules, manual } of controls) {
    if (ids.has(id)) problems.push(located(source, ['controls', c, 'id'], `duplicate control id "${id}"`));
    ids.add(id);
    if (checksCriteria) {
      criteria?.forEach((criterion, k) => {
        if (!known.has(criterion)) {
          problems.push(located(source, ['controls', c, 'criteria', k], `control ${id}: unknown criterion "${criterion}" (not in catalog ${catalog.id})`));
        }
      });
    }
    if (rules?.length === 0 && manual?.length === 0) {
      problems.push(located(source, ['controls', c, 'id'], `control ${id} has no evidence: give it rules, manual evidence, or both`));
    }
  }
  return problems;
}
