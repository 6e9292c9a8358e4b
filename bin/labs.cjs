#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `npx labs` needs no build step.
// The SDK's notice that its 2027 releases need Node 22 is in the README; it should not stand
// before every error line of the CLI.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
require('tsx/cjs');
require('./labs.ts');
