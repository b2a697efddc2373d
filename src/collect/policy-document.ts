import type { PolicyDocument, PolicyStatement } from '../snapshot/schema.ts';

/**
 * IAM policy documents as the snapshot holds them: decoded, parsed, and normalized so that a rule can rely on one
 * shape. `Statement`, `Action`, `NotAction`, `Resource`, `NotResource`, each principal's values and each condition's
 * values are always arrays; `Principal: "*"` stays `"*"`; condition values that are JSON numbers or booleans become
 * the strings IAM compares them as. The order inside a document is the author's, kept as AWS returns it.
 *
 * Anything outside IAM's grammar (not JSON, an unknown element, an Effect other than Allow/Deny, a non-string
 * action) is refused with MalformedPolicyDocument rather than guessed at: the collector then leaves that document
 * absent and records the error at its pointer, so a rule reading it gets `error`, never a verdict on a guess.
 */

export class MalformedPolicyDocument extends Error {
  override name = 'MalformedPolicyDocument';
}

const STATEMENT_KEYS = new Set([
  'Sid',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
]);

/** A document as IAM returns it: URL-encoded (RFC 3986), or raw JSON where moto skips the encoding. */
export function parsePolicyDocument(text: string): PolicyDocument {
  return normalizePolicyDocument(decodeJson(text));
}

// URL-encoding turns `{` into `%7B`, so text starting with `{` is raw JSON; decoding it anyway would turn a
// literal `%20` inside a raw document into a space.
function decodeJson(text: string): unknown {
  try {
    return JSON.parse(/^\s*\{/.test(text) ? text : decodeURIComponent(text));
  } catch (error) {
    throw new MalformedPolicyDocument(`not a JSON policy document: ${(error as Error).message}`);
  }
}

export function normalizePolicyDocument(value: unknown): PolicyDocument {
  const document = record(value, 'the document');
  for (const key of Object.keys(document)) {
    if (key !== 'Version' && key !== 'Id' && key !== 'Statement') fail(`unknown element ${key}`);
  }
  if (document.Statement === undefined) fail('no Statement');
  const statements = Array.isArray(document.Statement) ? document.Statement : [document.Statement];
  return {
    ...optionalText(document, 'Version'),
    ...optionalText(document, 'Id'),
    Statement: statements.map((statement, index) => normalizeStatement(statement, `Statement[${index}]`)),
  };
}

function normalizeStatement(value: unknown, where: string): PolicyStatement {
  const statement = record(value, where);
  for (const key of Object.keys(statement)) if (!STATEMENT_KEYS.has(key)) fail(`${where}: unknown element ${key}`);
  const effect = statement.Effect;
  if (effect !== 'Allow' && effect !== 'Deny') fail(`${where}: Effect must be Allow or Deny`);
  const normalized: PolicyStatement = { ...optionalText(statement, 'Sid', where), Effect: effect };
  for (const key of ['Principal', 'NotPrincipal'] as const) {
    if (statement[key] !== undefined) normalized[key] = principal(statement[key], `${where}.${key}`);
  }
  for (const key of ['Action', 'NotAction', 'Resource', 'NotResource'] as const) {
    if (statement[key] !== undefined) normalized[key] = textList(statement[key], `${where}.${key}`);
  }
  if (statement.Condition !== undefined) normalized.Condition = condition(statement.Condition, `${where}.Condition`);
  return normalized;
}

function principal(value: unknown, where: string): '*' | Record<string, string[]> {
  if (value === '*') return '*';
  return mapValues(record(value, where), (values, type) => textList(values, `${where}.${type}`));
}

function condition(value: unknown, where: string): Record<string, Record<string, string[]>> {
  return mapValues(record(value, where), (keys, operator) =>
    mapValues(record(keys, `${where}.${operator}`), (values, key) => {
      const list = Array.isArray(values) ? values : [values];
      return list.map((item) => {
        if (typeof item === 'string') return item;
        if (typeof item === 'number' || typeof item === 'boolean') return String(item);
        return fail(`${where}.${operator}.${key}: values must be strings, numbers or booleans`);
      });
    }),
  );
}

function textList(value: unknown, where: string): string[] {
  const list = Array.isArray(value) ? value : [value];
  for (const item of list) if (typeof item !== 'string') fail(`${where}: must be a string or a list of strings`);
  return list as string[];
}

function optionalText(object: Record<string, unknown>, key: string, where = 'the document'): Record<string, string> {
  const value = object[key];
  if (value === undefined) return {};
  if (typeof value !== 'string') fail(`${where}.${key}: must be a string`);
  return { [key]: value };
}

function record(value: unknown, where: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail(`${where}: must be a JSON object`);
  return value as Record<string, unknown>;
}

function mapValues<T>(object: Record<string, unknown>, map: (value: unknown, key: string) => T): Record<string, T> {
  return Object.fromEntries(Object.entries(object).map(([key, value]) => [key, map(value, key)]));
}

function fail(message: string): never {
  throw new MalformedPolicyDocument(message);
}
