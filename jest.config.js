/**
 * Jest configuration, after the one `cdktf init --template=typescript` writes:
 * TypeScript through ts-jest, tests under __tests__/, and cdktf's matchers
 * installed by setup.js.
 */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>'],
  testMatch: ['**/__tests__/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/cdktf.out/', '/.tmp/'],
  setupFilesAfterEnv: ['<rootDir>/setup.js'],
  // Tests that run real terraform take seconds, not milliseconds.
  testTimeout: 180000,
};
