import { fixtureText, manifestFrom, synthManifest } from './support/synth';
import { initAndValidate, terraformOrSkip } from './support/terraform';

/**
 * Every synthesized stack must be valid for the real terraform and the real
 * AWS provider 5.100.0, not only look right as JSON.
 */
describe.each([
  ['the example shares.yaml', 'shares.yaml'],
  ['the larger fixture', 'larger.yaml'],
])('terraform init + validate of every stack of %s', (_name, fixture) => {
  const stacks = synthManifest(manifestFrom(fixtureText(fixture), fixture));

  test.each(Object.keys(stacks).sort())('%s', (stackName) => {
    if (!terraformOrSkip()) {
      return;
    }
    expect(initAndValidate(stacks[stackName].dir)).toContain('Success! The configuration is valid.');
  });
});
