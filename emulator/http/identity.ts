import type { Caller } from '../model/directory';
import type { World } from '../model/world';

/** Why a request's credentials were refused. */
export type CredentialProblem = 'unknown' | 'expired' | 'bad-token';

/**
 * Maps an access key id (and session token) to a caller: a seed user's
 * static key, or temporary credentials issued by AssumeRole.
 */
export function resolveCaller(world: World, accessKeyId: string, token: string | undefined): Caller | CredentialProblem {
  const user = world.directory.userByAccessKey(accessKeyId);
  if (user) {
    return world.directory.callerForUser(user);
  }
  const session = world.state.sessions.find((s) => s.accessKeyId === accessKeyId);
  if (!session) {
    return 'unknown';
  }
  if (session.sessionToken !== token) {
    return 'bad-token';
  }
  if (session.expiresAt <= world.now()) {
    return 'expired';
  }
  const role = world.directory.role(session.roleArn);
  if (!role) {
    return 'unknown';
  }
  return world.directory.callerForSession(role, session.sessionName, accessKeyId);
}
