/**
 * The shape of a synthetic fleet: how many images, target accounts and
 * (target, region) slots a generated manifest has.
 */

/** A synthetic fleet; every image goes to every target, in each of its regions. */
export interface FleetShape {
  /** Number of images in the source account. */
  readonly images: number;
  /** Number of target accounts. */
  readonly targets: number;
  /** Sum over targets of their region count; between `targets` and `3 * targets`. */
  readonly regionSlots: number;
}

/** Most targets a generated fleet has; larger fleets grow by images. */
export const MAX_TARGETS = 50;

/** Copies a fleet makes: images x (sum of regions over targets). */
export function copiesOf(shape: FleetShape): number {
  return shape.images * shape.regionSlots;
}

/**
 * A fleet of about `copies` copies: `ceil(copies / 50)` targets (at most
 * {@link MAX_TARGETS}) with two regions on average, and as many images as
 * needed. 1,000 gives 25 x 20 (40 slots), 5,000 gives 50 x 50 (100 slots),
 * 10,000 gives 100 x 50 (100 slots): both images and targets grow with size.
 */
export function shapeForCopies(copies: number): FleetShape {
  if (!Number.isInteger(copies) || copies < 2) {
    throw new Error(`expected a whole number of copies >= 2, got ${copies}`);
  }
  const targets = Math.min(MAX_TARGETS, Math.max(1, Math.ceil(copies / 50)));
  const regionSlots = 2 * targets;
  const images = Math.max(1, Math.round(copies / regionSlots));
  return { images, targets, regionSlots };
}

/** `25 x 20 (40)`: images x targets (region slots). */
export function describeShape(shape: FleetShape): string {
  return `${shape.images} x ${shape.targets} (${shape.regionSlots})`;
}
