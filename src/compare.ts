/**
 * The one string order of everything the tool emits: plain UTF-16 code units, never the locale's, so output is
 * byte-identical on every machine.
 */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
