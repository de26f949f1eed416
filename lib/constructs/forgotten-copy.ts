import { TerraformElement } from 'cdktf';
import { Construct } from 'constructs';
import { copyAddress } from './region-copy';

/** Props of {@link ForgottenCopy}. */
export interface ForgottenCopyProps {
  /** Image key of a copy no longer in the configuration. */
  readonly imageKey: string;
  /** Region of that copy. */
  readonly region: string;
}

/**
 * A Terraform `removed` block with `destroy = false` for a copy that has left
 * the manifest: Terraform drops it from state and leaves the AMI, and its
 * snapshots, in the target account. Harmless when the copy was never made.
 */
export class ForgottenCopy extends TerraformElement {
  private readonly from: string;

  constructor(scope: Construct, id: string, props: ForgottenCopyProps) {
    super(scope, id);
    this.from = copyAddress(props.imageKey, props.region);
  }

  /** @internal the block, merged into the stack's JSON */
  public toTerraform(): Record<string, unknown> {
    return { removed: [{ from: this.from, lifecycle: { destroy: false } }] };
  }
}
