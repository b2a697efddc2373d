// Runs `soc2` as a user would, against a test's moto server, with the test credentials in the environment.
import { runCli, type CliRun } from '../support/cli.ts';
import { TEST_CREDENTIALS } from '../support/moto.ts';

export function soc2(args: string[]): Promise<CliRun> {
  return runCli(args, {
    env: {
      AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
      AWS_REGION: 'us-east-1',
    },
  });
}
