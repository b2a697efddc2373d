import { describe, expect, it } from 'vitest';
import { CreateDetectorCommand, GuardDutyClient } from '@aws-sdk/client-guardduty';
import { collectGuardDuty } from '../../src/collect/guardduty.ts';
import type { GuardDutySnapshot } from '../../src/snapshot/schema.ts';
import { motoClientConfig, type Moto } from '../support/moto.ts';
import { deniedContext, motoClients, testContext, useMoto } from './moto-context.ts';

const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';
const MILLISECOND = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

async function seed(moto: Moto): Promise<string> {
  const guardduty = new GuardDutyClient(motoClientConfig(moto, REGION));
  const created = await guardduty.send(
    new CreateDetectorCommand({
      Enable: true,
      FindingPublishingFrequency: 'FIFTEEN_MINUTES',
      Features: [
        { Name: 'S3_DATA_EVENTS', Status: 'ENABLED' },
        { Name: 'EBS_MALWARE_PROTECTION', Status: 'DISABLED' },
      ],
    }),
  );
  return created.DetectorId!;
}

describe('collectGuardDuty', () => {
  const moto = useMoto();

  it('collects each detector with its status, publishing frequency and sorted protection plans', async () => {
    const detectorId = await seed(moto);
    const { ctx, errors, progress } = testContext(motoClients(moto), [REGION, 'us-east-1']);
    const expected: GuardDutySnapshot = {
      arn: `arn:aws:guardduty:${REGION}:${ACCOUNT}:`,
      detectors: [
        {
          arn: `arn:aws:guardduty:${REGION}:${ACCOUNT}:detector/${detectorId}`,
          detectorId,
          status: 'ENABLED',
          findingPublishingFrequency: 'FIFTEEN_MINUTES',
          createdAt: MILLISECOND,
          updatedAt: MILLISECOND,
          features: [
            { name: 'EBS_MALWARE_PROTECTION', status: 'DISABLED' },
            { name: 'S3_DATA_EVENTS', status: 'ENABLED' },
          ],
        },
      ],
    };
    expect(await collectGuardDuty(ctx, REGION)).toEqual(expected);
    expect(await collectGuardDuty(ctx, 'us-east-1')).toEqual({ arn: `arn:aws:guardduty:us-east-1:${ACCOUNT}:`, detectors: [] });
    expect(errors).toEqual([]);
    expect(progress).toEqual([`${ACCOUNT} ${REGION} guardduty 0`, `${ACCOUNT} us-east-1 guardduty 0`]);
  });

  it('leaves the detectors absent when GetDetector is denied: a detector without its status is not collected', async () => {
    await seed(moto);
    const { ctx, errors } = await deniedContext(moto, 'no-detector', ['guardduty:GetDetector'], [REGION]);
    expect(await collectGuardDuty(ctx, REGION)).toEqual({ arn: `arn:aws:guardduty:${REGION}:${ACCOUNT}:` });
    expect(errors.map((e) => [e.service, e.operation, e.code, e.pointer])).toEqual([
      ['guardduty', 'GetDetector', 'AccessDenied', `/accounts/${ACCOUNT}/regions/${REGION}/guardduty/detectors`],
    ]);
  });
});
