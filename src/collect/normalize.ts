/** Small value conversions the collectors share, so every section of the snapshot spells "unset" the same way. */

/** ISO-8601 UTC, or null when AWS gave no time (or an unparseable one). */
export function isoTime(value: Date | string | undefined): string | null {
  if (value === undefined || value === '') return null;
  const time = value instanceof Date ? value : new Date(value);
  return Number.isNaN(time.getTime()) ? null : time.toISOString();
}

/** A string AWS omits, or (moto) leaves empty, when unset: null then. */
export function textOrNull(value: string | undefined): string | null {
  return value ? value : null;
}

/** Names a regional service section as a whole: `arn:aws:SERVICE:REGION:ACCOUNT:`. */
export function regionalSectionArn(service: string, region: string, accountId: string): string {
  return `arn:aws:${service}:${region}:${accountId}:`;
}
