#!/usr/bin/env node
// The CDK app (cdk.json `app`): bin/app.ts through tsx in a checkout, the built dist/bin/app.js in
// the installed package (bin/launch.cjs says why).
require('./launch.cjs').launch('app');
