import type { AddressInfo } from 'net';
import { Directory } from './model/directory';
import { loadState, saveState } from './model/persistence';
import { stateFromSeed } from './model/seedState';
import { World } from './model/world';
import type { WorldState } from './model/state';
import { CallLog, type CallRecord } from './http/callLog';
import { createEmulatorServer } from './http/server';
import { loadSeed } from './seed/load';
import type { Seed } from './seed/types';

export type { Seed } from './seed/types';
export type { CallRecord } from './http/callLog';
export { SeedError, loadSeed } from './seed/load';

/** Options of {@link startEmulator}. */
export interface EmulatorOptions {
  /** The seed, as an object or as the path of a YAML/JSON file. */
  seed: Seed | string;
  /** Port on 127.0.0.1; 0 or absent picks a free one. */
  port?: number;
  /**
   * Persist every mutation to this JSON file (atomically). When the file
   * exists at start, its resources (images, snapshots, keys, grants,
   * sessions) are loaded instead of the seed's; accounts, roles and
   * organizations always come from the seed.
   */
  stateFile?: string;
  /** How long a CopyImage result stays `pending`, in ms (default 0: available on the next describe). */
  copyDelayMs?: number;
}

/** Static credentials of a seed user. */
export interface EmulatorCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/** A running emulator. */
export interface RunningEmulator {
  /** `http://127.0.0.1:PORT`, for AWS_ENDPOINT_URL or an SDK client's `endpoint`. */
  endpoint: string;
  port: number;
  /** The static keys of the first user of the account with this id or name (or of the user with this name). */
  credentialsFor(accountIdOrName: string): EmulatorCredentials;
  /** Calls per account and action, keyed `ACCOUNT service:Action`, e.g. `651700000002 ec2:DescribeImages`. */
  callCounts(): Record<string, number>;
  /** Every call recorded since start or the last reset, in order. */
  calls(): CallRecord[];
  /** Forgets the recorded calls. */
  resetCalls(): void;
  /** A deep copy of the current mutable state (for assertions). */
  snapshotState(): WorldState;
  /** Stops serving. */
  close(): Promise<void>;
}

/** Starts the emulator on 127.0.0.1. */
export async function startEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
  const seed = loadSeed(options.seed);
  const directory = new Directory(seed);
  const stored = options.stateFile === undefined ? undefined : loadState(options.stateFile);
  const state = stored ?? stateFromSeed(seed);
  const world = new World(directory, state, { stateFile: options.stateFile, copyDelayMs: options.copyDelayMs ?? 0 });
  if (options.stateFile !== undefined && stored === undefined) {
    saveState(options.stateFile, state);
  }
  const log = new CallLog();
  const server = createEmulatorServer(world, log);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    credentialsFor(accountIdOrName: string): EmulatorCredentials {
      const account = directory.findAccount(accountIdOrName);
      const user = account?.users.find((u) => u.name === accountIdOrName) ?? account?.users[0];
      if (!user) {
        throw new Error(`The seed has no account or user '${accountIdOrName}' with static access keys`);
      }
      return { accessKeyId: user.accessKeyId, secretAccessKey: user.secretAccessKey };
    },
    callCounts: () => log.counts(),
    calls: () => log.all(),
    resetCalls: () => log.reset(),
    snapshotState: () => structuredClone(world.state),
    close: () => new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((err) => (err ? reject(err) : resolve()));
    }),
  };
}
