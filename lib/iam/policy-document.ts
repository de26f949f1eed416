/** An IAM condition block: operator -> key -> value(s). */
export type IamCondition = Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;

/** One statement of an IAM policy document. */
export interface IamStatement {
  readonly Sid: string;
  readonly Effect: 'Allow';
  readonly Action: string | readonly string[];
  readonly Resource: string | readonly string[];
  readonly Condition?: IamCondition;
}

/** A trust policy statement (has a Principal, no Resource). */
export interface TrustStatement {
  readonly Sid: string;
  readonly Effect: 'Allow';
  readonly Principal: Readonly<Record<string, string>>;
  readonly Action: string;
  readonly Condition?: IamCondition;
}

/** An IAM policy document. */
export interface IamPolicyDocument<S = IamStatement> {
  readonly Version: '2012-10-17';
  readonly Statement: readonly S[];
}

/** One permission before grouping: actions on resources, under a condition, in a named statement. */
export interface Permission {
  /** Statement it belongs to; permissions with one Sid must share the condition. */
  readonly sid: string;
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  readonly condition?: IamCondition;
}

/**
 * Builds a policy document from permissions: one statement per Sid, with the
 * union of actions and of resources, each sorted and de-duplicated, and the
 * statements in the order their Sid first appears. Two permissions under one
 * Sid with different conditions are a programming error.
 */
export function policyDocument(permissions: readonly Permission[]): IamPolicyDocument {
  const bySid = new Map<string, { actions: Set<string>; resources: Set<string>; condition?: IamCondition }>();
  for (const permission of permissions) {
    const existing = bySid.get(permission.sid);
    if (existing === undefined) {
      bySid.set(permission.sid, {
        actions: new Set(permission.actions),
        resources: new Set(permission.resources),
        condition: permission.condition,
      });
      continue;
    }
    if (JSON.stringify(existing.condition) !== JSON.stringify(permission.condition)) {
      throw new Error(`internal: statement ${permission.sid} is given two different conditions`);
    }
    permission.actions.forEach((action) => existing.actions.add(action));
    permission.resources.forEach((resource) => existing.resources.add(resource));
  }
  const statements: IamStatement[] = [...bySid].map(([sid, { actions, resources, condition }]) => ({
    Sid: sid,
    Effect: 'Allow',
    Action: [...actions].sort(),
    Resource: resources.has('*') ? '*' : withoutCovered([...resources]).sort(),
    ...(condition !== undefined ? { Condition: condition } : {}),
  }));
  return { Version: '2012-10-17', Statement: statements };
}

/** Drops each ARN that a wildcard pattern in the same list already covers (`.../image/ami-1` under `.../image/*`). */
function withoutCovered(resources: readonly string[]): string[] {
  const patterns = resources.filter((r) => r.endsWith('*')).map((r) => r.slice(0, -1));
  return resources.filter((r) => !patterns.some((prefix) => r !== `${prefix}*` && r.startsWith(prefix)));
}

/** Every action of a policy document, sorted and de-duplicated. */
export function actionsOf(document: IamPolicyDocument<{ readonly Action: string | readonly string[] }>): string[] {
  const actions = new Set<string>();
  for (const statement of document.Statement) {
    (typeof statement.Action === 'string' ? [statement.Action] : statement.Action).forEach((a) => actions.add(a));
  }
  return [...actions].sort();
}
