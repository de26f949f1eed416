import { partitionOf } from '../manifest/patterns';
import { ACTIONS_FOR_GRANTEE, IamAction } from './actions-by-resource';
import { TypeUse } from './synthesized-usage';

/** The account and region a block's provider acts in. */
export interface Placement {
  readonly accountId: string;
  readonly region: string;
}

/** Operations a grant in the stacks gives an account, which that account's role must also hold in IAM. */
export interface ReceivedGrant {
  /** The account the grant names. */
  readonly granteeAccountId: string;
  /** The Terraform type of the grant, e.g. `aws_kms_grant`. */
  readonly type: string;
  /** `kms:<operation>` for each granted operation, sorted. */
  readonly actions: readonly IamAction[];
  /** The key ARN, or every key of the granting account in its region when the key is only known at plan time. */
  readonly resources: readonly string[];
}

const ACCOUNT_OF_PRINCIPAL = /^arn:[a-z-]+:iam::(\d{12}):/;
const OPERATION = /^[A-Za-z]+$/;
const LITERAL_ARN = /^arn:[a-z-]+:[a-z0-9-]+:/;

/**
 * What each grant of the stacks (rows of ACTIONS_FOR_GRANTEE) gives its
 * grantee account. `placementOf` says where the granting block acts. Throws,
 * naming the block, when the grantee or operations are not literal values.
 */
export function receivedGrants(uses: readonly TypeUse[], placementOf: (use: TypeUse) => Placement): ReceivedGrant[] {
  const received: ReceivedGrant[] = [];
  for (const row of ACTIONS_FOR_GRANTEE) {
    for (const use of uses.filter((u) => u.type === row.type)) {
      const context = `stack ${use.stack}: ${use.type}.${use.name}`;
      const grantee = use.config[row.granteeArgument];
      const account = typeof grantee === 'string' ? ACCOUNT_OF_PRINCIPAL.exec(grantee)?.[1] : undefined;
      if (account === undefined) {
        throw new Error(`${context}: ${row.granteeArgument} ${JSON.stringify(grantee)}; expected a literal IAM principal ARN (arn:aws:iam::ACCOUNT:...)`);
      }
      const operations = use.config[row.operationsArgument];
      if (!Array.isArray(operations) || operations.some((op) => typeof op !== 'string' || !OPERATION.test(op))) {
        throw new Error(`${context}: ${row.operationsArgument} ${JSON.stringify(operations)}; expected a literal list of operation names such as ["Decrypt"]`);
      }
      const keyArgument = use.config[row.resourceArgument];
      const { accountId, region } = placementOf(use);
      const resources =
        typeof keyArgument === 'string' && LITERAL_ARN.test(keyArgument)
          ? [keyArgument]
          : [`arn:${partitionOf(region)}:${row.service}:${region}:${accountId}:key/*`];
      const actions = [...new Set((operations as string[]).map((op): IamAction => `${row.service}:${op}`))].sort();
      received.push({ granteeAccountId: account, type: row.type, actions, resources });
    }
  }
  return received;
}
