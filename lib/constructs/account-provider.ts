import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import { Credentials } from '../manifest/types';

/** Props of {@link newAccountProvider}. */
export interface AccountProviderProps {
  /** Provider alias that resources name; also the construct id. */
  readonly alias: string;
  /** The one account this provider may act in (`allowed_account_ids`). */
  readonly accountId: string;
  /** Region the provider works in. */
  readonly region: string;
  /** How it authenticates. @default ambient credentials */
  readonly credentials?: Credentials;
  /** Session name when a role is assumed, as CloudTrail shows it. @default "ami-share" */
  readonly sessionName?: string;
}

/**
 * An aliased AWS provider bound to one account and region. It refuses to run
 * with credentials of any other account, so a wrong profile or role fails at
 * plan time instead of sharing from, or copying into, the wrong account.
 */
export function newAccountProvider(scope: Construct, props: AccountProviderProps): AwsProvider {
  const credentials = props.credentials ?? {};
  return new AwsProvider(scope, props.alias, {
    alias: props.alias,
    region: props.region,
    allowedAccountIds: [props.accountId],
    profile: credentials.profile,
    assumeRole: credentials.roleArn
      ? [
          {
            roleArn: credentials.roleArn,
            externalId: credentials.externalId,
            sessionName: props.sessionName ?? 'ami-share',
          },
        ]
      : undefined,
  });
}
