import { parseDocument, YAMLMap, YAMLSeq } from 'yaml';
import { fixtureText, manifestFrom, synthManifest, tempDir } from './support/synth';
import * as path from 'path';

/** The larger fixture with `shares`, `targets`, `images` and every `regions` list reversed. */
function reordered(text: string): string {
  const doc = parseDocument(text);
  (doc.get('shares') as YAMLSeq).items.reverse();
  (doc.get('targets') as YAMLMap).items.reverse();
  (doc.get('images') as YAMLMap).items.reverse();
  for (const pair of (doc.get('targets') as YAMLMap).items) {
    const regions = (pair.value as YAMLMap).get('regions') as YAMLSeq | undefined;
    regions?.items.reverse();
  }
  return doc.toString();
}

function stackTexts(text: string): Record<string, unknown> {
  // Same project folder name for both, so the relative state paths compare equal.
  const project = path.join(tempDir(), 'project');
  return Object.fromEntries(Object.entries(synthManifest(manifestFrom(text), project)).map(([name, stack]) => [name, stack.json]));
}

describe('resource addresses come from keys, not positions', () => {
  const original = fixtureText('larger.yaml');

  test('reordering shares, targets, images and regions yields identical stack JSON', () => {
    const shuffled = reordered(original);
    expect(shuffled).not.toEqual(original);
    expect(stackTexts(shuffled)).toEqual(stackTexts(original));
  });

  test('adding a target, an image and a region changes no existing resource', () => {
    const before = stackTexts(original);
    const grown = original
      .replace('targets:\n', 'targets:\n  new-e:\n    accountId: "340700000035"\n')
      .replace('images:\n', 'images:\n  extra:\n    amiId: ami-0aaaabbbbccccdddd\n')
      .replace('      - us-west-2\n', '      - us-west-2\n      - eu-west-1\n')
      .concat('  - image: extra\n    to: [new-e, workload-b]\n');
    const after = stackTexts(grown) as Record<string, { resource: Record<string, Record<string, unknown>> }>;
    for (const [stackName, stack] of Object.entries(before as Record<string, { resource?: Record<string, Record<string, unknown>> }>)) {
      for (const [type, resources] of Object.entries(stack.resource ?? {})) {
        for (const [id, body] of Object.entries(resources)) {
          expect(after[stackName].resource[type][id]).toEqual(body);
        }
      }
    }
    expect(after['share-new-e']).toBeDefined();
    expect(after['share-analytics-c'].resource.aws_ami_copy).toHaveProperty('copy_demo-base_eu-west-1');
  });
});
