import { isPlainObject } from '../plain-object.ts';

/** Walking a rule's condition tree (json-rules-engine `all` / `any` / `not` groups around comparisons). */

/** Where a node sits in its YAML file: `['conditions', 'all', 0]`. */
export type Segments = (string | number)[];

export type Comparison = Record<string, unknown>;

/**
 * The tree with `visit`'s result in place of each comparison (a node that is not a group), including the nested
 * conditions of a quantifier (`count`'s `params.where`). Nodes of the wrong shape are passed through untouched: the
 * schema reports them.
 */
export function mapComparisons(node: unknown, at: Segments, visit: (comparison: Comparison, at: Segments) => Comparison): unknown {
  if (!isPlainObject(node)) return node;
  for (const group of ['all', 'any'] as const) {
    const children = node[group];
    if (Array.isArray(children)) return { [group]: children.map((child, i) => mapComparisons(child, [...at, group, i], visit)) };
  }
  if ('not' in node) return { not: mapComparisons(node.not, [...at, 'not'], visit) };
  const visited = visit(node, at);
  const params = visited.params;
  if (!isPlainObject(params) || params.where === undefined) return visited;
  return { ...visited, params: { ...params, where: mapComparisons(params.where, [...at, 'params', 'where'], visit) } };
}

export function forEachComparison(node: unknown, at: Segments, visit: (comparison: Comparison, at: Segments) => void): void {
  mapComparisons(node, at, (comparison, where) => {
    visit(comparison, where);
    return comparison;
  });
}

/** `{ param: name }`: a comparison value that stands for a pack parameter. */
export function isParameterReference(value: unknown): value is { param: unknown } {
  return isPlainObject(value) && Object.keys(value).length === 1 && 'param' in value;
}
