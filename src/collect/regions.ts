import { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import type { ClientFactory } from '../aws/clients.ts';
import { UserError } from '../user-error.ts';
import { describeAwsFailure } from './aws-error.ts';
import { compareStrings } from '../compare.ts';


/**
 * The regions enabled for the account, sorted: the default scope of a snapshot. Without them there is no scope
 * to collect, so a failure stops the run with a message that says how to name the regions instead.
 */
export async function enabledRegions(clients: ClientFactory, region: string): Promise<string[]> {
  let regions: string[];
  try {
    const answer = await clients.get(EC2Client, region).send(new DescribeRegionsCommand({ AllRegions: false }));
    // AllRegions=false already leaves out regions not opted in on AWS; moto lists them anyway.
    regions = (answer.Regions ?? [])
      .filter((r) => r.OptInStatus !== 'not-opted-in')
      .flatMap((r) => (r.RegionName ? [r.RegionName] : []));
  } catch (error) {
    const { code, message } = describeAwsFailure(error);
    throw new UserError(`cannot list the account's enabled regions (EC2 DescribeRegions in ${region}: ${code}: ${message}). ${PASS_REGIONS}`);
  }
  if (regions.length === 0) throw new UserError(`EC2 DescribeRegions in ${region} listed no enabled region. ${PASS_REGIONS}`);
  return regions.sort(compareStrings);
}

const PASS_REGIONS = 'Name the regions to collect with --regions, for example --regions us-east-1,eu-west-1.';
