#!/usr/bin/env node
// The `labs` command (package.json `bin`): bin/labs.ts through tsx in a checkout, the built
// dist/bin/labs.js in the installed package (bin/launch.cjs says why).
require('./launch.cjs').launch('labs');
