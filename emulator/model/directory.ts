import type { Seed, SeedOrganization } from '../seed/types';
import { DEFAULT_REGIONS } from './regions';
import { stableUniqueId } from './ids';

/** An account of the seed. */
export interface Account {
  id: string;
  name: string;
  users: User[];
}

/** An IAM user with its static key. */
export interface User {
  accountId: string;
  name: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/** An assumable role. */
export interface Role {
  arn: string;
  accountId: string;
  /** The role name (last path segment). */
  name: string;
  trustedAccounts: string[];
  maxSessionDurationSeconds: number;
}

/** Who is calling: resolved from the request's access key. */
export interface Caller {
  accountId: string;
  /** `arn:aws:iam::A:user/N` or `arn:aws:sts::A:assumed-role/R/S`. */
  arn: string;
  /** `AIDA...` for users, `AROA...:session` for assumed roles. */
  userId: string;
  accessKeyId: string;
  kind: 'user' | 'assumed-role';
}

interface OuNode {
  arn: string;
  orgArn: string;
  parent?: string;
  accounts: Set<string>;
}

/**
 * The static part of the world, from the seed: accounts, users and their
 * keys, roles, organizations and OUs, regions. It never changes at run time.
 */
export class Directory {
  private readonly accountsById = new Map<string, Account>();
  private readonly usersByKey = new Map<string, User>();
  private readonly rolesByArn = new Map<string, Role>();
  private readonly orgMembers = new Map<string, Set<string>>();
  private readonly ous = new Map<string, OuNode>();
  /** Regions the emulator knows. */
  readonly regions: readonly string[];

  constructor(seed: Seed) {
    this.regions = seed.regions ?? DEFAULT_REGIONS;
    for (const account of seed.accounts) {
      const users: User[] = (account.users ?? []).map((u) => ({ accountId: account.id, ...u }));
      this.accountsById.set(account.id, { id: account.id, name: account.name, users });
      for (const user of users) {
        this.usersByKey.set(user.accessKeyId, user);
      }
    }
    for (const role of seed.roles ?? []) {
      const accountId = role.arn.split(':')[4];
      const name = role.arn.slice(role.arn.lastIndexOf('/') + 1);
      this.rolesByArn.set(role.arn, {
        arn: role.arn,
        accountId,
        name,
        trustedAccounts: [...role.trustedAccounts],
        maxSessionDurationSeconds: role.maxSessionDurationSeconds ?? 3600,
      });
    }
    for (const org of seed.organizations ?? []) {
      this.addOrganization(org);
    }
  }

  private addOrganization(org: SeedOrganization): void {
    const members = new Set(org.accounts ?? []);
    for (const ou of org.organizationalUnits ?? []) {
      this.ous.set(ou.arn, { arn: ou.arn, orgArn: org.arn, parent: ou.parent, accounts: new Set(ou.accounts ?? []) });
      for (const account of ou.accounts ?? []) {
        members.add(account);
      }
    }
    this.orgMembers.set(org.arn, members);
  }

  /** Every account. */
  accounts(): Account[] {
    return [...this.accountsById.values()];
  }

  /** The account with this id, or undefined. */
  account(id: string): Account | undefined {
    return this.accountsById.get(id);
  }

  /** The account with this id or name, or the account of the user with this name. */
  findAccount(idOrName: string): Account | undefined {
    const byId = this.accountsById.get(idOrName);
    if (byId) {
      return byId;
    }
    for (const account of this.accountsById.values()) {
      if (account.name === idOrName || account.users.some((u) => u.name === idOrName)) {
        return account;
      }
    }
    return undefined;
  }

  /** The IAM user owning this static access key, or undefined. */
  userByAccessKey(accessKeyId: string): User | undefined {
    return this.usersByKey.get(accessKeyId);
  }

  /** The caller identity of an IAM user. */
  callerForUser(user: User): Caller {
    return {
      accountId: user.accountId,
      arn: `arn:aws:iam::${user.accountId}:user/${user.name}`,
      userId: stableUniqueId('AIDA', `${user.accountId}/${user.name}`),
      accessKeyId: user.accessKeyId,
      kind: 'user',
    };
  }

  /** The caller identity of an assumed-role session. */
  callerForSession(role: Role, sessionName: string, accessKeyId: string): Caller {
    return {
      accountId: role.accountId,
      arn: `arn:aws:sts::${role.accountId}:assumed-role/${role.name}/${sessionName}`,
      userId: `${this.roleUniqueId(role)}:${sessionName}`,
      accessKeyId,
      kind: 'assumed-role',
    };
  }

  /** The role's stable unique id (`AROA...`). */
  roleUniqueId(role: Role): string {
    return stableUniqueId('AROA', role.arn);
  }

  /** The role with this ARN, or undefined. */
  role(arn: string): Role | undefined {
    return this.rolesByArn.get(arn);
  }

  /** True when the organization is declared in the seed. */
  hasOrganization(arn: string): boolean {
    return this.orgMembers.has(arn);
  }

  /** True when the OU is declared in the seed. */
  hasOrganizationalUnit(arn: string): boolean {
    return this.ous.has(arn);
  }

  /** True when the account is a member of the organization (directly or through an OU). */
  isInOrganization(accountId: string, orgArn: string): boolean {
    return this.orgMembers.get(orgArn)?.has(accountId) ?? false;
  }

  /** True when the account is in the OU or in one of its descendant OUs. */
  isInOrganizationalUnit(accountId: string, ouArn: string): boolean {
    for (const ou of this.ous.values()) {
      if (ou.accounts.has(accountId) && this.isSameOrDescendant(ou.arn, ouArn)) {
        return true;
      }
    }
    return false;
  }

  private isSameOrDescendant(ouArn: string, ancestorArn: string): boolean {
    let current: string | undefined = ouArn;
    const seen = new Set<string>();
    while (current !== undefined && !seen.has(current)) {
      if (current === ancestorArn) {
        return true;
      }
      seen.add(current);
      current = this.ous.get(current)?.parent;
    }
    return false;
  }
}
