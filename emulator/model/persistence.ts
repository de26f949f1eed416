import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'fs';
import { dirname } from 'path';
import type { WorldState } from './state';

const FORMAT = 'ami-share-emulator-state';
const VERSION = 1;

interface StateFile {
  format: typeof FORMAT;
  version: number;
  savedAt: string;
  state: WorldState;
}

/** Reads a state file written by {@link saveState}; undefined when the file does not exist. */
export function loadState(file: string): WorldState | undefined {
  if (!existsSync(file)) {
    return undefined;
  }
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<StateFile>;
  if (parsed.format !== FORMAT || parsed.version !== VERSION || parsed.state === undefined) {
    throw new Error(`${file} is not an ami-share emulator state file (format ${FORMAT} version ${VERSION})`);
  }
  return parsed.state;
}

let sequence = 0;

/**
 * Writes the state atomically: to a temporary file in the same folder, then
 * renamed over the target, so a crash never leaves a half-written file.
 */
export function saveState(file: string, state: WorldState): void {
  mkdirSync(dirname(file), { recursive: true });
  const body: StateFile = { format: FORMAT, version: VERSION, savedAt: new Date().toISOString(), state };
  sequence += 1;
  const temporary = `${file}.${process.pid}.${sequence}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(body, null, 1)}\n`, 'utf8');
  renameSync(temporary, file);
}
