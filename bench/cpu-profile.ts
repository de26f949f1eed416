import { readFileSync } from 'fs';

/** The parts of a V8 `.cpuprofile` (node --cpu-prof) that are read here. */
interface CpuProfile {
  readonly nodes: readonly {
    readonly id: number;
    readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
    readonly children?: readonly number[];
  }[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Time spent in one function or package. */
export interface ProfileEntry {
  /** `name (file:line)`, or a package name. */
  readonly label: string;
  readonly ms: number;
  /** Share of the samples in the window, 0 to 100. */
  readonly percent: number;
}

/** A CPU profile cut to a time window, summarized. */
export interface ProfileSummary {
  /** Samples in the window. */
  readonly samples: number;
  /** Window length in milliseconds (the whole profile when the window did not match it). */
  readonly windowMs: number;
  /** Whether the summary covers only the given window. */
  readonly windowed: boolean;
  /** Functions by self time, most first. */
  readonly self: readonly ProfileEntry[];
  /** Functions by total (inclusive) time, most first; each function counted once per sample; roots, node's module loader, tsx and bench/ left out. */
  readonly total: readonly ProfileEntry[];
  /** Self time by package (cdktf, constructs, json-stable-stringify, the project, node, v8...), most first. */
  readonly packages: readonly ProfileEntry[];
}

/**
 * Reads a `.cpuprofile` and summarizes the samples taken within
 * `windowUs` (monotonic microseconds, as V8 stamps samples and as
 * bench/child.ts reports its timed work); the whole profile when the window
 * does not fall inside it.
 */
export function summarizeProfile(file: string, windowUs?: readonly [number, number]): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  profile.nodes.forEach((node) => (node.children ?? []).forEach((child) => parent.set(child, node.id)));

  const windowed = windowUs !== undefined && windowUs[0] >= profile.startTime && windowUs[1] <= profile.endTime;
  const [from, to] = windowed ? windowUs : [profile.startTime, profile.endTime];
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const packages = new Map<string, number>();
  const bump = (map: Map<string, number>, key: string): void => {
    map.set(key, (map.get(key) ?? 0) + 1);
  };

  let time = profile.startTime;
  let samples = 0;
  profile.samples.forEach((id, i) => {
    time += profile.timeDeltas[i] ?? 0;
    if (time < from || time > to) {
      return;
    }
    samples++;
    const node = byId.get(id);
    if (node === undefined) {
      return;
    }
    bump(self, labelOf(node.callFrame));
    bump(packages, packageOf(node.callFrame));
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)?.callFrame;
      if (frame !== undefined && !isPlumbing(frame)) {
        seen.add(labelOf(frame));
      }
    }
    seen.forEach((label) => bump(total, label));
  });

  const windowMs = (to - from) / 1000;
  const entries = (map: Map<string, number>): ProfileEntry[] =>
    [...map.entries()]
      .map(([label, count]) => ({ label, ms: (count / Math.max(samples, 1)) * windowMs, percent: (100 * count) / Math.max(samples, 1) }))
      .sort((a, b) => b.ms - a.ms);
  return { samples, windowMs, windowed, self: entries(self), total: entries(total), packages: entries(packages) };
}

const ROOTS = new Set(['(root)', '(program)', '(idle)']);

/** Frames every sample shares (roots, module loading, tsx, the bench's own wrappers): noise in a total-time list. */
function isPlumbing(frame: { functionName: string; url: string }): boolean {
  return ROOTS.has(frame.functionName) || frame.url.startsWith('node:') || frame.url.includes('/tsx/') || frame.url.includes('/esbuild/') || frame.url.includes('/bench/');
}

function labelOf(frame: { functionName: string; url: string; lineNumber: number }): string {
  const name = frame.functionName === '' ? '(anonymous)' : frame.functionName;
  return frame.url === '' ? name : `${name} (${shortUrl(frame.url)}:${frame.lineNumber + 1})`;
}

/** `cdktf/lib/tokens/resolve.js` from a file URL under node_modules; project files relative to the project. */
function shortUrl(url: string): string {
  const path = url.replace(/^file:\/\//, '');
  const inModules = path.lastIndexOf('/node_modules/');
  if (inModules >= 0) {
    return path.slice(inModules + '/node_modules/'.length);
  }
  const inProject = path.search(/\/(lib|stacks|bench)\//);
  return inProject >= 0 ? path.slice(inProject + 1) : path;
}

function packageOf(frame: { functionName: string; url: string }): string {
  if (frame.url === '') {
    return frame.functionName.startsWith('(') ? frame.functionName : 'v8 built-ins';
  }
  if (frame.url.startsWith('node:')) {
    return 'node';
  }
  const path = frame.url.replace(/^file:\/\//, '');
  const inModules = path.lastIndexOf('/node_modules/');
  if (inModules >= 0) {
    const parts = path.slice(inModules + '/node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  return path.includes('/bench/') ? 'bench' : 'ami-share (lib, stacks)';
}
