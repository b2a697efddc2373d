import { readFile } from 'node:fs/promises';
import { isPlainObject } from '../plain-object.ts';
import { UserError } from '../user-error.ts';
import { canonicalJson, sha256Hex } from './canonical.ts';
import { SNAPSHOT_SCHEMA_VERSION, type Snapshot } from './schema.ts';

/** SHA-256 of the RFC 8785 canonical form of the document with `manifest.sha256` left out. */
export function snapshotHash(snapshot: Snapshot): string {
  const { sha256: _omitted, ...manifest } = snapshot.manifest;
  return sha256Hex(canonicalJson({ ...snapshot, manifest }));
}

/** Reads a snapshot and proves it is the one that was written: a malformed or altered file is refused. */
export async function readSnapshot(path: string): Promise<Snapshot> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UserError(`${path}: cannot read the snapshot: ${(error as Error).message}`);
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new UserError(`${path}: not a snapshot: the file is not valid JSON (${(error as Error).message})`);
  }
  const shapeProblem = snapshotShapeProblem(document);
  if (shapeProblem) throw new UserError(`${path}: not a snapshot: ${shapeProblem}`);
  const snapshot = document as Snapshot;
  let actual: string;
  try {
    actual = snapshotHash(snapshot);
  } catch (error) {
    // RFC 8785 has no form for some JSON (a lone surrogate such as "\ud800"): no snapshot was ever hashed with it.
    throw new UserError(`${path}: not a snapshot: it has no canonical form (${(error as Error).message})`);
  }
  if (actual !== snapshot.manifest.sha256) {
    throw new UserError(
      `${path}: the snapshot's content does not match its manifest: manifest.sha256 is ${snapshot.manifest.sha256}, ` +
        `the content hashes to ${actual}. The file was changed after it was written; ask for the original.`,
    );
  }
  return snapshot;
}

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

/** The envelope evaluation relies on; the sections inside are checked by the rules that read them (fail closed). */
function snapshotShapeProblem(document: unknown): string | null {
  if (!isPlainObject(document)) return 'the top level is not an object';
  if (document.schemaVersion !== SNAPSHOT_SCHEMA_VERSION) {
    return `schemaVersion is ${JSON.stringify(document.schemaVersion)}; this version of the tool reads ${SNAPSHOT_SCHEMA_VERSION}`;
  }
  const manifest = document.manifest;
  if (!isPlainObject(manifest)) return 'manifest is missing';
  if (typeof manifest.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(manifest.sha256)) return 'manifest.sha256 is missing or not a SHA-256';
  // Time-based verdicts and exception expiry are measured from here: a local time would make them depend on the machine.
  if (typeof manifest.collectedAt !== 'string' || !ISO_UTC.test(manifest.collectedAt) || Number.isNaN(Date.parse(manifest.collectedAt))) {
    return 'manifest.collectedAt is not an ISO-8601 UTC timestamp (2026-11-24T10:00:00.000Z)';
  }
  if (!isPlainObject(manifest.caller) || typeof manifest.caller.account !== 'string') return 'manifest.caller is missing';
  const scope = manifest.scope;
  if (!isPlainObject(scope) || !Array.isArray(scope.accounts) || !Array.isArray(scope.regions)) return 'manifest.scope is missing';
  if (scope.accounts.length === 0) return 'manifest.scope.accounts is empty: the snapshot covers no account';
  if (!scope.accounts.every((account) => typeof account === 'string')) return 'manifest.scope.accounts must list account ids';
  if (!isPlainObject(document.accounts)) return 'accounts is missing';
  const notAccount = Object.entries(document.accounts).find(([, account]) => !isPlainObject(account));
  if (notAccount) return `accounts.${notAccount[0]} is not an object`;
  if (!Array.isArray(document.errors)) return 'errors is missing';
  const badError = document.errors.findIndex((error) => !isPlainObject(error) || typeof error.pointer !== 'string' || typeof error.code !== 'string');
  if (badError >= 0) return `errors[${badError}] is not a collection error (pointer, code, message ...)`;
  return null;
}
