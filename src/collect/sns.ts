import {
  GetTopicAttributesCommand,
  paginateListSubscriptionsByTopic,
  paginateListTopics,
  SNSClient,
  type Subscription,
} from '@aws-sdk/client-sns';
import type { SnsSnapshot, SnsSubscription, SnsTopic } from '../snapshot/schema.ts';
import { allPages } from './calls.ts';
import { sortByKey, type AccountContext } from './context.ts';
import { textOrNull } from './normalize.ts';
import { regionalSection } from './regional.ts';

const SERVICE = 'sns';

/** SNS in one region: topics, their encryption, and every subscription of each. */
export async function collectSns(ctx: AccountContext, region: string): Promise<SnsSnapshot> {
  const client = ctx.client(SNSClient, region);
  const scope = regionalSection(ctx, SERVICE, region);
  const listed = await ctx.call(scope.site('ListTopics', 'topics'), () =>
    allPages(paginateListTopics({ client }, {}), (page) => page.Topics),
  );
  const section: SnsSnapshot = { arn: scope.arn };
  if (listed) {
    const arns = sortByKey(listed.flatMap((t) => (t.TopicArn ? [t.TopicArn] : [])), (arn) => arn);
    section.topics = await Promise.all(
      arns.map(async (arn, index): Promise<SnsTopic> => {
        const [attributes, subscriptions] = await Promise.all([
          ctx.call(scope.site('GetTopicAttributes', 'topics', index, 'kmsMasterKeyId'), () => client.send(new GetTopicAttributesCommand({ TopicArn: arn }))),
          ctx.call(scope.site('ListSubscriptionsByTopic', 'topics', index, 'subscriptions'), () =>
            allPages(paginateListSubscriptionsByTopic({ client }, { TopicArn: arn }), (page) => page.Subscriptions),
          ),
        ]);
        const topic: SnsTopic = { arn, name: arn.split(':').pop() ?? '' };
        if (attributes) topic.kmsMasterKeyId = textOrNull(attributes.Attributes?.KmsMasterKeyId);
        if (subscriptions) {
          topic.subscriptions = sortByKey(subscriptions.map(normalizeSubscription), (s) => `${s.protocol}\u0000${s.endpoint}\u0000${s.arn ?? ''}`);
        }
        return topic;
      }),
    );
  }
  scope.reportDone();
  return section;
}

function normalizeSubscription(subscription: Subscription): SnsSubscription {
  const arn = subscription.SubscriptionArn ?? '';
  const pendingConfirmation = !arn.startsWith('arn:');
  return {
    arn: pendingConfirmation ? null : arn,
    protocol: subscription.Protocol ?? '',
    endpoint: subscription.Endpoint ?? '',
    owner: textOrNull(subscription.Owner),
    pendingConfirmation,
  };
}
