import type { RunningEmulator } from '../emulator';

/** The identity that deploys in the example seed: the CI user of the image-factory account. */
export const DEPLOYER = 'ami-share-deployer';

/**
 * Environment that sends the AWS provider and SDKs to a local emulator as
 * `identity`: the endpoint, static keys, and no shared config files or
 * instance metadata, so nothing on the machine leaks in and nothing leaves it.
 */
export function emulatorEnv(emulator: RunningEmulator, identity = DEPLOYER): NodeJS.ProcessEnv {
  const { accessKeyId, secretAccessKey } = emulator.credentialsFor(identity);
  return {
    AWS_ENDPOINT_URL: emulator.endpoint,
    AWS_ACCESS_KEY_ID: accessKeyId,
    AWS_SECRET_ACCESS_KEY: secretAccessKey,
    AWS_SESSION_TOKEN: '',
    AWS_PROFILE: '',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  };
}
