#!/usr/bin/env node
/**
 * The CDK app: one stack per lab in labs/index.ts, named by the lab id. It builds no resources of
 * its own.
 *
 * cdk-nag's AWS Solutions pack runs with `-c labs:nag=true` (as `npm test`, `labs deploy` and
 * `labs check --offline` do): a finding without a reasoned acknowledgement then fails the synth.
 * Plain `cdk synth`/`cdk deploy` skip it, because the app builds every lab on every synth and nag
 * would add about half a second to each; the tests hold every lab to it anyway.
 */
import { App } from 'aws-cdk-lib';
import { addLabStacks, addNag, NAG_CONTEXT_KEY } from '../lib/lab-kit/app/lab-app';
import { LABS } from '../labs';

const app = new App();
if (String(app.node.tryGetContext(NAG_CONTEXT_KEY)) === 'true') addNag(app);
addLabStacks(app, LABS);
app.synth();
