/**
 * Whether IAM policy statements allow a request, as a static reading: no principal, no context values. IAM's
 * rules as far as they can be known without a request context:
 * - an explicit Deny overrides any Allow; with no applicable Allow the answer is no;
 * - `Action`/`NotAction` patterns match case-insensitively, `Resource`/`NotResource` case-sensitively; `*` is any
 *   run of characters (across `:` and `/`), `?` any one; a statement with neither `Resource` nor `NotResource`
 *   (a resource policy's statement) applies to every resource;
 * - what depends on the request is read conservatively, for questions like "does this grant admin?": a statement
 *   with a `Condition`, or a pattern with a policy variable (`${aws:username}`), MAY apply. So an Allow that may
 *   apply counts as allowing, and a Deny only counts when it applies whatever the request (no Condition, no
 *   variable in the patterns that decide). `Principal`/`NotPrincipal` are not read.
 * - the question's own action and resource are literal: `iam:*` asks whether a statement grants all of IAM
 *   (`iam:*` or `*` do; `iam:Get*` does not), and a Deny of `iam:Delete*` does not cancel it.
 */
import { globMatch, type GlobToken } from '../../glob.ts';

export interface PolicyRequest {
  action: string;
  /** Defaults to `*`: the action on every resource. */
  resource: string;
}

export interface Statement {
  Effect?: unknown;
  Action?: unknown;
  NotAction?: unknown;
  Resource?: unknown;
  NotResource?: unknown;
  Condition?: unknown;
}

/** `possibly`: the statement may apply to some request like this one; `certainly`: to every one. */
type Certainty = 'possibly' | 'certainly';

export function allows(statements: readonly Statement[], request: PolicyRequest): boolean {
  let allowed = false;
  for (const statement of statements) {
    if (statement.Effect === 'Deny' && statement.Condition === undefined && applies(statement, request, 'certainly')) return false;
    if (statement.Effect === 'Allow' && applies(statement, request, 'possibly')) allowed = true;
  }
  return allowed;
}

/**
 * The statements of `fact`: a policy document (`{ Statement: [...] }`), one statement, or a list of either
 * (the documents of a user's policies). null holds none.
 */
export function statementsOf(fact: unknown, operator: string): Statement[] {
  if (fact === null) return [];
  if (Array.isArray(fact)) return fact.flatMap((item) => (Array.isArray(item) ? [notAPolicy(operator, item)] : statementsOf(item, operator)));
  if (typeof fact !== 'object') return [notAPolicy(operator, fact)];
  const { Statement } = fact as { Statement?: unknown };
  if (Statement === undefined) return [fact as Statement];
  if (Array.isArray(Statement)) return Statement.filter((s): s is Statement => typeof s === 'object' && s !== null);
  return typeof Statement === 'object' && Statement !== null ? [Statement as Statement] : [];
}

function notAPolicy(operator: string, value: unknown): never {
  throw new TypeError(`${operator} needs a policy document, a statement or a list of them, got ${JSON.stringify(value)}`);
}

function applies(statement: Statement, { action, resource }: PolicyRequest, certainty: Certainty): boolean {
  const actionMatches = matchesField(statement.Action, statement.NotAction, action.toLowerCase(), certainty, true);
  if (!actionMatches) return false;
  if (statement.Resource === undefined && statement.NotResource === undefined) return true;
  return matchesField(statement.Resource, statement.NotResource, resource, certainty, false);
}

/** `Action` (any pattern matches) or `NotAction` (no pattern matches), and the same for resources. */
function matchesField(listed: unknown, notListed: unknown, value: string, certainty: Certainty, ignoreCase: boolean): boolean {
  const opposite: Certainty = certainty === 'possibly' ? 'certainly' : 'possibly';
  if (listed !== undefined) return patterns(listed).some((p) => matches(p, value, certainty, ignoreCase));
  if (notListed !== undefined) return !patterns(notListed).some((p) => matches(p, value, opposite, ignoreCase));
  return false;
}

function patterns(field: unknown): string[] {
  const list = Array.isArray(field) ? field : [field];
  return list.filter((item): item is string => typeof item === 'string');
}

/** IAM's escapes for a literal `*`, `?` or `$` in a pattern. */
const ESCAPES: Record<string, string> = { '${*}': '*', '${?}': '?', '${$}': '$' };

/**
 * Whether `pattern` matches `value`. A policy variable stands for any run of characters when asking whether the
 * pattern possibly matches, and makes a certain match impossible.
 */
function matches(pattern: string, value: string, certainty: Certainty, ignoreCase: boolean): boolean {
  const tokens = tokenize(ignoreCase ? pattern.toLowerCase() : pattern, certainty);
  return tokens !== null && globMatch(tokens, value);
}

function tokenize(pattern: string, certainty: Certainty): GlobToken[] | null {
  const tokens: GlobToken[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    const end = char === '$' && pattern[i + 1] === '{' ? pattern.indexOf('}', i) : -1;
    if (end === -1) {
      tokens.push(char === '*' || char === '?' ? char : { literal: char });
      continue;
    }
    const escaped = ESCAPES[pattern.slice(i, end + 1)];
    if (escaped !== undefined) tokens.push({ literal: escaped });
    else if (certainty === 'certainly') return null;
    else tokens.push('*');
    i = end;
  }
  return tokens;
}
