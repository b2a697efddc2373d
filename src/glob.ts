/** One step of a glob: `*` any run of characters, `?` exactly one, else a literal character. */
export type GlobToken = { literal: string } | '*' | '?';

/** A pattern in which only `*` and `?` are special: ARN globs (exceptions files). */
export function globTokens(pattern: string): GlobToken[] {
  return pattern.split('').map((char) => (char === '*' || char === '?' ? char : { literal: char }));
}

/**
 * Whether the tokens match all of `text`. `*` matches `/` and `:` too, as IAM's ARN wildcards do. Written by hand
 * rather than with a path-glob library, whose `*` stops at `/`, and rather than translated to a RegExp, which
 * backtracks badly on patterns with many stars: on a mismatch this backs up only to the last `*`, so it runs in
 * linear space and at worst in time proportional to the lengths' product.
 */
export function globMatch(tokens: GlobToken[], text: string): boolean {
  let t = 0;
  let v = 0;
  let star = -1;
  let resume = 0;
  while (v < text.length) {
    const token = tokens[t];
    if (token === '*') {
      star = t++;
      resume = v;
    } else if (token !== undefined && (token === '?' || token.literal === text[v])) {
      t++;
      v++;
    } else if (star !== -1) {
      t = star + 1;
      v = ++resume;
    } else {
      return false;
    }
  }
  while (tokens[t] === '*') t++;
  return t === tokens.length;
}

export function globMatches(pattern: string, text: string): boolean {
  return globMatch(globTokens(pattern), text);
}
