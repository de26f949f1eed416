import { TerraformStack } from 'cdktf';

/**
 * Base of ami-share's stacks. They never reference one another (each holds
 * both sides of its shares, and its own providers and backend), so cdktf's
 * preparing pass, which resolves every element once more only to discover
 * cross-stack references and which is a third of synth's time at fleet scale,
 * has nothing to find and is skipped. A test proves the output unchanged.
 */
export abstract class ShareStack extends TerraformStack {
  /** @internal skipped: no cross-stack references to discover; the backend is always set explicitly. */
  public prepareStack(): void {
    // Nothing to prepare.
  }
}
