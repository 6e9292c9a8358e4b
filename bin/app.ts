#!/usr/bin/env node
/**
 * The CDK app: one stack per lab in labs/index.ts, named by the lab id. It builds no resources of
 * its own. cdk-nag's AWS Solutions pack runs on every synth: a finding without a reasoned
 * acknowledgement fails `cdk synth` and `cdk deploy`.
 */
import { App } from 'aws-cdk-lib';
import { addLabStacks, addNag } from '../lib/lab-kit/lab-app';
import { LABS } from '../labs';

const app = new App();
addNag(app);
addLabStacks(app, LABS);
app.synth();
