/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test', '<rootDir>/labs'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.tsx?$': ['@swc/jest'] },
  // The CloudFormation linter loads again in every test file (about 3 s each); `npm test` runs it
  // once on the real `cdk synth` instead. Tests that need it turn it back on explicitly.
  setupFiles: ['<rootDir>/test/setup-env.ts'],
  setupFilesAfterEnv: ['aws-cdk-lib/testhelpers/jest-autoclean', 'aws-sdk-client-mock-jest'],
  snapshotFormat: { escapeString: false, printBasicPrototype: false },
};
