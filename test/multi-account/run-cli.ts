// Runs `soc2` as a user would, against a test's moto server, with the test credentials in the environment.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { TEST_CREDENTIALS } from '../support/moto.ts';

const run = promisify(execFile);
const CLI = join(import.meta.dirname, '..', '..', 'cli.ts');

export interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

export async function soc2(args: string[]): Promise<Outcome> {
  const env = {
    ...process.env,
    AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
    AWS_REGION: 'us-east-1',
  };
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
