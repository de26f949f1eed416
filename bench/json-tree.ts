import { mkdirSync, readdirSync, readFileSync } from 'fs';
import * as path from 'path';

/** One JSON file of a synthesized output folder. */
export interface JsonFile {
  /** Path relative to the output folder, with `/`. */
  readonly relPath: string;
  /** Its parsed content. */
  readonly value: unknown;
}

/** Every `.json` file under `dir`, in sorted path order. */
export function jsonFilesUnder(dir: string): string[] {
  const found: string[] = [];
  const walk = (rel: string): void => {
    for (const entry of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) {
        walk(child);
      } else if (entry.name.endsWith('.json')) {
        found.push(child);
      }
    }
  };
  walk('');
  return found.sort();
}

/** Reads and parses every `.json` file under `dir`. */
export function loadJsonTree(dir: string): JsonFile[] {
  return jsonFilesUnder(dir).map((relPath) => ({
    relPath,
    value: JSON.parse(readFileSync(path.join(dir, relPath), 'utf8')) as unknown,
  }));
}

/** Creates the folders the files of a tree need under `outdir`. */
export function makeFolders(files: readonly JsonFile[], outdir: string): void {
  const folders = new Set(files.map((file) => path.dirname(path.join(outdir, file.relPath))));
  folders.forEach((folder) => mkdirSync(folder, { recursive: true }));
}

/** True when both folders hold the same `.json` files with the same bytes. */
export function identicalJsonTrees(a: string, b: string): boolean {
  const files = jsonFilesUnder(a);
  const other = jsonFilesUnder(b);
  if (files.length !== other.length || files.some((file, i) => file !== other[i])) {
    return false;
  }
  return files.every((file) => readFileSync(path.join(a, file)).equals(readFileSync(path.join(b, file))));
}
