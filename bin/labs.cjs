#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `npx labs` needs no build step.
require('tsx/cjs');
require('./labs.ts');
