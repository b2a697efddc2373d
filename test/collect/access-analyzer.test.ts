import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectAccessAnalyzer } from '../../src/collect/access-analyzer.ts';
import { startMoto, type Moto } from '../support/moto.ts';
import { motoClients, testContext } from './moto-context.ts';

const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';

// moto 5.2 does not emulate IAM Access Analyzer at all, so only the failure path can run against it.
describe('collectAccessAnalyzer', () => {
  let moto: Moto;
  beforeAll(async () => {
    moto = await startMoto();
  });
  afterAll(async () => moto.stop());

  it('records ListAnalyzers as unsupported, under the access-analyzer service, and leaves the analyzers absent', async () => {
    const { ctx, errors, progress } = testContext(motoClients(moto), [REGION]);
    expect(await collectAccessAnalyzer(ctx, REGION)).toEqual({ arn: `arn:aws:access-analyzer:${REGION}:${ACCOUNT}:` });
    expect(errors.map((e) => [e.service, e.region, e.operation, e.code, e.pointer])).toEqual([
      ['access-analyzer', REGION, 'ListAnalyzers', 'Unsupported', `/accounts/${ACCOUNT}/regions/${REGION}/accessAnalyzer/analyzers`],
    ]);
    expect(progress).toEqual([`${ACCOUNT} ${REGION} access-analyzer 1`]);
  });
});
