import { Construct } from 'constructs';
import { ShareStack } from './share-stack';
import { newAccountProvider } from '../lib/constructs/account-provider';
import { addStateBackend } from '../lib/constructs/state-backend';
import { OrganizationPermission, organizationPrincipalId } from '../lib/constructs/organization-permission';
import { SourceAccount, StateConfig } from '../lib/manifest/types';
import { OrganizationGrant } from '../lib/share-plan';

/** Props of {@link OrganizationShareStack}. */
export interface OrganizationShareStackProps {
  /** The account that owns the images. */
  readonly source: SourceAccount;
  /** Organization and OU launch permissions; revoked ones are left out of the stack. */
  readonly grants: readonly OrganizationGrant[];
  /** Path of the local state file, relative to the stack's working folder (local backend). */
  readonly statePath: string;
  /** Where state lives. @default local, at statePath */
  readonly state?: StateConfig;
}

/**
 * Launch permissions for organizations and OUs, all in the source account
 * (provider alias `source`). AWS has no snapshot permission for them, so
 * nothing is copied.
 */
export class OrganizationShareStack extends ShareStack {
  constructor(scope: Construct, id: string, props: OrganizationShareStackProps) {
    super(scope, id);
    addStateBackend(this, { state: props.state ?? { backend: 'local' }, stackName: id, localPath: props.statePath });
    const provider = newAccountProvider(this, {
      alias: 'source',
      accountId: props.source.accountId,
      region: props.source.region,
      credentials: props.source,
    });
    for (const grant of props.grants) {
      if (grant.access !== 'granted') {
        continue;
      }
      new OrganizationPermission(this, `launch-${grant.image.key}-${organizationPrincipalId(grant.principalArn)}`, {
        imageKey: grant.image.key,
        amiId: grant.image.amiId,
        principalArn: grant.principalArn,
        provider,
      });
    }
  }
}
