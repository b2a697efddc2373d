import { readFile, stat } from 'node:fs/promises';
import { isMap, isNode, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { compareStrings } from './compare.ts';
import { sha256Hex } from './snapshot/canonical.ts';

/** One thing wrong with a user's file, located for an editor: `file:line:col: message`. */
export interface Problem {
  file: string;
  line: number;
  col: number;
  message: string;
  severity: 'error' | 'warning';
}

export function formatProblem(problem: Problem): string {
  const tag = problem.severity === 'warning' ? 'warning: ' : '';
  return `${problem.file}:${problem.line}:${problem.col}: ${tag}${problem.message}`;
}

/** Sorted by file, then position, then message: the order every listing of problems is printed in. */
export function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) =>
      compareStrings(a.file, b.file) || a.line - b.line || a.col - b.col || compareStrings(a.message, b.message),
  );
}


/** Aliases allowed per document: enough for any real file, far too few for a "billion laughs" bomb. */
export const MAX_YAML_ALIASES = 100;
/** Largest YAML file the loaders accept. */
export const MAX_YAML_BYTES = 2 * 1024 * 1024;

/** A parsed YAML file that remembers where each value came from. */
export interface YamlSource {
  file: string;
  /** The plain value, or undefined when the file did not parse. */
  value: unknown;
  problems: Problem[];
  /** SHA-256 (hex) of the bytes parsed; absent when the file was not read (too large). */
  sha256?: string;
  /** Line and column of the node at `path` (or of its nearest existing ancestor). */
  locate(path: readonly (string | number)[], at?: 'key' | 'value'): { line: number; col: number };
}

export async function readYamlFile(file: string): Promise<YamlSource> {
  const size = (await stat(file)).size;
  if (size > MAX_YAML_BYTES) {
    const problem = at(file, 1, 1, `file is ${(size / 1024 / 1024).toFixed(1)} MiB; the limit is ${MAX_YAML_BYTES / 1024 / 1024} MiB`);
    return { file, value: undefined, problems: [problem], locate: () => ({ line: 1, col: 1 }) };
  }
  const bytes = await readFile(file);
  return { ...parseYaml(file, bytes.toString('utf8')), sha256: sha256Hex(bytes) };
}

/** Parses YAML text; `sha256` is that of the text's UTF-8 bytes. */
export function parseYaml(file: string, text: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
  const position = (offset: number) => lineCounter.linePos(offset);
  const problems: Problem[] = [];
  for (const error of [...doc.errors, ...doc.warnings]) {
    const { line, col } = position(error.pos[0]);
    problems.push(at(file, line, col, firstLine(error.message), doc.errors.includes(error as never) ? 'error' : 'warning'));
  }
  let value: unknown;
  if (doc.errors.length === 0) {
    try {
      value = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
    } catch (error) {
      problems.push(at(file, 1, 1, `cannot be read: ${firstLine((error as Error).message)}`));
    }
  }
  return {
    file,
    value,
    problems,
    sha256: sha256Hex(text),
    locate: (path, which = 'value') => {
      const offset = nodeOffset(doc, path, which);
      return position(offset);
    },
  };
}

function nodeOffset(doc: Document.Parsed, path: readonly (string | number)[], which: 'key' | 'value'): number {
  let node: unknown = doc.contents;
  let offset = rangeStart(node);
  for (const [index, segment] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && scalarValue(item.key) === String(segment));
      if (!pair) break;
      const last = index === path.length - 1;
      offset = rangeStart(last && which === 'key' ? pair.key : pair.value) ?? rangeStart(pair.key) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && /^\d+$/.test(String(segment))) {
      const item = node.items[Number(segment)];
      if (item === undefined) break;
      offset = rangeStart(item) ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return offset ?? 0;
}

function rangeStart(node: unknown): number | undefined {
  return isNode(node) ? (node as Node).range?.[0] : undefined;
}

function scalarValue(node: unknown): string | undefined {
  return isScalar(node) ? String(node.value) : undefined;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.trim();
}

export function at(file: string, line: number, col: number, message: string, severity: Problem['severity'] = 'error'): Problem {
  return { file, line, col, message, severity };
}

/**
 * Checks a parsed file against a compiled JSON Schema; every violation becomes a located problem. A failed
 * if/then/else is reported by its branch's own errors (which say what to fix) and again as `must match "then"
 * schema` on the `if`: only the first are kept.
 */
export function schemaProblems(source: YamlSource, validate: ValidateFunction): Problem[] {
  if (validate(source.value)) return [];
  const errors = (validate.errors ?? []).filter((error) => error.keyword !== 'if');
  return dedupe(errors.map((error) => schemaProblem(source, error)));
}

function schemaProblem(source: YamlSource, error: ErrorObject): Problem {
  const path = error.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const where = path.length ? path.join('.') : 'the document';
  let message = `${where} ${error.message ?? 'is invalid'}`;
  let located = source.locate(path);
  if (error.keyword === 'additionalProperties') {
    const extra = String((error.params as { additionalProperty: string }).additionalProperty);
    message = `${path.length ? `${where}: ` : ''}unknown field "${extra}"`;
    located = source.locate([...path, extra], 'key');
  } else if (error.keyword === 'enum') {
    const allowed = (error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ');
    message = `${where} must be one of ${allowed}`;
  } else if (error.keyword === 'required') {
    message = `${path.length ? `${where}: ` : ''}missing required field "${(error.params as { missingProperty: string }).missingProperty}"`;
  }
  return at(source.file, located.line, located.col, message);
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = formatProblem(p);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
