import { describe, expect, it } from 'vitest';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { collectSns } from '../../src/collect/sns.ts';
import type { SnsSnapshot } from '../../src/snapshot/schema.ts';
import { motoClientConfig, type Moto } from '../support/moto.ts';
import { deniedContext, motoClients, testContext, useMoto } from './moto-context.ts';

const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';
const KEY = 'alias/sns-topics';
const SUBSCRIPTION_ARN = (topic: string) => expect.stringMatching(new RegExp(`^arn:aws:sns:${REGION}:${ACCOUNT}:${topic}:[0-9a-f-]{36}$`));

async function seed(moto: Moto): Promise<void> {
  const sns = new SNSClient(motoClientConfig(moto, REGION));
  const alerts = (await sns.send(new CreateTopicCommand({ Name: 'security-alerts', Attributes: { KmsMasterKeyId: KEY } }))).TopicArn!;
  await sns.send(new CreateTopicCommand({ Name: 'audit' }));
  await sns.send(new SubscribeCommand({ TopicArn: alerts, Protocol: 'sqs', Endpoint: `arn:aws:sqs:${REGION}:${ACCOUNT}:alerts` }));
  await sns.send(new SubscribeCommand({ TopicArn: alerts, Protocol: 'email', Endpoint: 'security@example.com' }));
}

describe('collectSns', () => {
  const moto = useMoto();

  it('collects topics sorted by ARN with their KMS key and sorted subscriptions', async () => {
    await seed(moto);
    const { ctx, errors, progress } = testContext(motoClients(moto), [REGION]);
    const expected: SnsSnapshot = {
      arn: `arn:aws:sns:${REGION}:${ACCOUNT}:`,
      topics: [
        { arn: `arn:aws:sns:${REGION}:${ACCOUNT}:audit`, name: 'audit', kmsMasterKeyId: null, subscriptions: [] },
        {
          arn: `arn:aws:sns:${REGION}:${ACCOUNT}:security-alerts`,
          name: 'security-alerts',
          kmsMasterKeyId: KEY,
          subscriptions: [
            { arn: SUBSCRIPTION_ARN('security-alerts'), protocol: 'email', endpoint: 'security@example.com', owner: ACCOUNT, pendingConfirmation: false },
            { arn: SUBSCRIPTION_ARN('security-alerts'), protocol: 'sqs', endpoint: `arn:aws:sqs:${REGION}:${ACCOUNT}:alerts`, owner: ACCOUNT, pendingConfirmation: false },
          ],
        },
      ],
    };
    expect(await collectSns(ctx, REGION)).toEqual(expected);
    expect(errors).toEqual([]);
    expect(progress).toEqual([`${ACCOUNT} ${REGION} sns 0`]);
  });

  it('leaves each topic\'s subscriptions absent, recorded at that topic, when ListSubscriptionsByTopic is denied', async () => {
    await seed(moto);
    const { ctx, errors } = await deniedContext(moto, 'no-subscriptions', ['sns:ListSubscriptionsByTopic'], [REGION]);
    const section = await collectSns(ctx, REGION);
    expect(section.topics?.map((t) => [t.name, t.kmsMasterKeyId, 'subscriptions' in t])).toEqual([
      ['audit', null, false],
      ['security-alerts', KEY, false],
    ]);
    expect(errors.map((e) => [e.service, e.operation, e.code, e.pointer]).sort()).toEqual(
      [0, 1].map((index) => ['sns', 'ListSubscriptionsByTopic', 'AccessDenied', `/accounts/${ACCOUNT}/regions/${REGION}/sns/topics/${index}/subscriptions`]),
    );
  });
});
