/** The parts of `terraform show -json PLANFILE` that the drift check reads. */

/** One planned or detected change of a resource instance. */
export interface ResourceChange {
  /** Address, e.g. `aws_snapshot_create_volume_permission.snapshots_demo-base["/dev/xvda"]`. */
  readonly address: string;
  /** `managed` or `data`. */
  readonly mode: string;
  /** Resource type. */
  readonly type: string;
  /** Resource name. */
  readonly name: string;
  /** `for_each` key, when there is one. */
  readonly index?: string | number;
  /** What happens. */
  readonly change: {
    /** e.g. ["create"], ["delete"], ["update"], ["delete","create"], ["forget"], ["no-op"], ["read"]. */
    readonly actions: readonly string[];
    /** Attributes before. */
    readonly before?: Record<string, unknown> | null;
    /** Attributes after (unknown ones are missing). */
    readonly after?: Record<string, unknown> | null;
    /** Present when the instance is imported. */
    readonly importing?: { readonly id?: string } | null;
  };
}

/** A plan, as `terraform show -json` prints it. */
export interface PlanJson {
  /** Changes Terraform plans to make. */
  readonly resource_changes?: readonly ResourceChange[];
  /** Changes found outside Terraform while refreshing. */
  readonly resource_drift?: readonly ResourceChange[];
}
