import { join } from 'node:path';
import { PROJECT_ROOT } from '../version.ts';
import type { Problem, YamlSource } from '../yaml-source.ts';
import { located, readCheckedYaml, throwIfErrors } from './checked-yaml.ts';

/** The catalog reports use unless told otherwise: the Trust Services Criteria. */
export const DEFAULT_CATALOG_FILE = join(PROJECT_ROOT, 'controls', 'tsc-2017.yaml');

export interface Criterion {
  id: string;
  title: string;
  category: { id: string; title: string };
  series: { id: string; title: string };
}

export interface Catalog {
  id: string;
  title: string;
  version: string;
  /** Every criterion, in the catalog file's order (the publication's). */
  criteria: Criterion[];
}

interface CatalogFile {
  id: string;
  title: string;
  version: string;
  categories: {
    id: string;
    title: string;
    series: { id: string; title: string; criteria: { id: string; title: string }[] }[];
  }[];
}

/** Loads and checks a criteria catalog; every problem is thrown at once as a UserError. */
export async function loadCatalog(file = DEFAULT_CATALOG_FILE): Promise<Catalog> {
  const { source, value, problems } = await readCheckedYaml<CatalogFile>(file, 'criteria.schema.json');
  if (value) problems.push(...catalogProblems(source, value));
  throwIfErrors(problems);
  const data = value!;
  const criteria = data.categories.flatMap((category) =>
    category.series.flatMap((series) =>
      series.criteria.map((criterion) => ({
        id: criterion.id,
        title: criterion.title,
        category: { id: category.id, title: category.title },
        series: { id: series.id, title: series.title },
      })),
    ),
  );
  return { id: data.id, title: data.title, version: data.version, criteria };
}

/** Ids unique in their kind, and each criterion numbered within its series (CC6.1 in CC6). */
function catalogProblems(source: YamlSource, data: CatalogFile): Problem[] {
  const problems: Problem[] = [];
  const seen = { category: new Set<string>(), series: new Set<string>(), criterion: new Set<string>() };
  const claim = (kind: keyof typeof seen, id: string, path: (string | number)[]) => {
    if (seen[kind].has(id)) problems.push(located(source, path, `duplicate ${kind} id "${id}"`));
    seen[kind].add(id);
  };
  data.categories.forEach((category, c) => {
    claim('category', category.id, ['categories', c, 'id']);
    category.series.forEach((series, s) => {
      const seriesPath = ['categories', c, 'series', s];
      claim('series', series.id, [...seriesPath, 'id']);
      series.criteria.forEach((criterion, k) => {
        const path = [...seriesPath, 'criteria', k, 'id'];
        claim('criterion', criterion.id, path);
        if (!criterion.id.startsWith(`${series.id}.`)) {
          problems.push(located(source, path, `criterion "${criterion.id}" is not numbered in its series "${series.id}"`));
        }
      });
    });
  });
  return problems;
}
