/** Where the time of one synth went, in milliseconds. */
export interface SynthPhases {
  /** Reading and validating the manifest (`parseManifest`). */
  readonly parseMs: number;
  /** `new App` and building the construct tree. */
  readonly constructMs: number;
  /** `app.synth()`: resolving tokens, serializing, writing files. */
  readonly synthMs: number;
  /** Sum of the three. */
  readonly totalMs: number;
}

/** Where a synth reads its manifest and writes its output. */
export interface SynthInput {
  /** Manifest file (YAML). */
  readonly manifestFile: string;
  /** Output folder of the app, as `cdktf synth --output` would give it; created if missing. */
  readonly outdir: string;
  /** Folder of the local state files (only written into backend paths, never touched). */
  readonly stateDir: string;
}
