import { writeFileSync } from 'fs';
import * as path from 'path';
import { nowMs } from '../clock';
import { JsonFile, loadJsonTree, makeFolders } from '../json-tree';
import { stringifyLikeCdktf } from '../stable-json';

/** What the floor measured. */
export interface FloorResult {
  /** Reading and parsing mode 1's files: set-up, not part of the floor. */
  readonly loadMs: number;
  /** Serializing and writing every file: the floor. */
  readonly totalMs: number;
  /** Files written. */
  readonly files: number;
  /** Bytes written. */
  readonly bytes: number;
}

/**
 * Mode 3, the floor: the JSON mode 1 produced, loaded from `fromDir` (not
 * timed), then `JSON.stringify` and `writeFileSync` of every file into
 * `outdir` (timed). No construct, no token: the least any synth writing
 * these bytes can cost.
 */
export function rewriteJson(fromDir: string, outdir: string): FloorResult {
  const loadStart = nowMs();
  const files = loadJsonTree(fromDir);
  makeFolders(files, outdir);
  const start = nowMs();
  const bytes = writeTree(files, outdir);
  const done = nowMs();
  return { loadMs: start - loadStart, totalMs: done - start, files: files.length, bytes };
}

function writeTree(files: readonly JsonFile[], outdir: string): number {
  let bytes = 0;
  for (const file of files) {
    const text = stringifyLikeCdktf(file.value);
    writeFileSync(path.join(outdir, file.relPath), text);
    bytes += Buffer.byteLength(text);
  }
  return bytes;
}
