/**
 * The manifest as the rest of the code sees it: validated, with defaults
 * applied. Field names follow shared/spec/manifest.md.
 */

/** How a provider authenticates: ambient credentials, a role to assume, or a named profile. */
export interface Credentials {
  /** Role the provider assumes. @default none: ambient credentials */
  readonly roleArn?: string;
  /** External id passed with the AssumeRole call. @default none */
  readonly externalId?: string;
  /** Named profile from the AWS shared config file. @default none */
  readonly profile?: string;
}

/** The account that owns every image. */
export interface SourceAccount extends Credentials {
  /** 12-digit account id. */
  readonly accountId: string;
  /** Region the AMIs live in. */
  readonly region: string;
}

/** One AMI of the source account, under a stable key. */
export interface Image {
  /** Key in `images`; names resources and outputs. */
  readonly key: string;
  /** The AMI id in the source account and region. */
  readonly amiId: string;
}

/** One region where a target receives copies. */
export interface TargetRegion {
  /** Region name. */
  readonly region: string;
  /** Key of the target account in that region that encrypts the copies. @default none: the copy keeps the source's encryption */
  readonly kmsKeyArn?: string;
}

/** An account that receives AMIs. */
export interface Target extends Credentials {
  /** Key in `targets`; names the stack `share-<key>`. */
  readonly key: string;
  /** 12-digit account id. */
  readonly accountId: string;
  /** Regions where copies land, sorted by name. @default [source.region] */
  readonly regions: readonly TargetRegion[];
}

/** `granted` keeps the permissions; `revoked` drops them and keeps the copies. */
export type Access = 'granted' | 'revoked';

/** One entry of `shares`. */
export interface Share {
  /** Position in the file, for messages only: never used to name anything. */
  readonly index: number;
  /** Key of the shared image. */
  readonly image: string;
  /** Target keys: launch and snapshot permissions, and copies. @default [] */
  readonly to: readonly string[];
  /** Organization ARNs: launch permission only. @default [] */
  readonly organizations: readonly string[];
  /** Organizational unit ARNs: launch permission only. @default [] */
  readonly organizationalUnits: readonly string[];
  /** Launch permission for everyone (group `all`); needs `policy.allowPublic`. @default false */
  readonly public: boolean;
  /** Whether targets get a copy. @default true */
  readonly copy: boolean;
  /**
   * Whether the copies are guarded: Terraform refuses to replace them, and a
   * copy that leaves the manifest is forgotten, not deleted. @default true
   */
  readonly protect: boolean;
  /**
   * The launch permissions already exist (made in the console): import them
   * into state instead of creating them. @default false
   */
  readonly adopt: boolean;
  /** Whether the permissions stand. @default 'granted' */
  readonly access: Access;
  /** Tags on the copies. @default {} */
  readonly tags: Readonly<Record<string, string>>;
}

/** Rules every share must follow. */
export interface SharingPolicy {
  /** Whether a share may make an image public. @default false */
  readonly allowPublic: boolean;
  /** The only accounts targets may have. @default none: any account */
  readonly allowedAccounts?: readonly string[];
}

/** State in local files under the project's state folder (or AMI_SHARE_STATE_DIR). */
export interface LocalState {
  /** Kind of backend. */
  readonly backend: 'local';
}

/** State in S3, one object per stack. */
export interface S3State {
  /** Kind of backend. */
  readonly backend: 's3';
  /** The bucket. */
  readonly bucket: string;
  /** Prefix of each stack's key `<keyPrefix><stack>.tfstate`. @default "ami-share/" */
  readonly keyPrefix: string;
  /** Region of the bucket. */
  readonly region: string;
  /** Role to assume for the state. @default ambient credentials */
  readonly roleArn?: string;
  /** Lock with a lock file next to the state (Terraform 1.10+). @default true */
  readonly useLockfile: boolean;
}

/** State in HCP Terraform, one workspace per stack. */
export interface CloudState {
  /** Kind of backend. */
  readonly backend: 'cloud';
  /** HCP Terraform organization. */
  readonly organization: string;
  /** Prefix of each stack's workspace `<workspacePrefix><stack>`. @default "ami-share-" */
  readonly workspacePrefix: string;
  /** Host of HCP Terraform or Terraform Enterprise. @default "app.terraform.io" */
  readonly hostname?: string;
}

/** Where Terraform keeps each stack's state. */
export type StateConfig = LocalState | S3State | CloudState;

/** A validated shares.yaml. */
export interface Manifest {
  /** Path of the file it was read from, as given. */
  readonly file: string;
  /** Format version. */
  readonly version: 1;
  /** The account that owns the images. */
  readonly source: SourceAccount;
  /** Images by key. */
  readonly images: ReadonlyMap<string, Image>;
  /** Targets by key. */
  readonly targets: ReadonlyMap<string, Target>;
  /** Shares in file order. */
  readonly shares: readonly Share[];
  /** Sharing policy. @default no public shares, any account */
  readonly policy: SharingPolicy;
  /** State backend. @default local */
  readonly state: StateConfig;
}
