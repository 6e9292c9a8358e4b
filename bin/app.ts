#!/usr/bin/env node
/**
 * The CDK app: one stack per lab in labs/index.ts, named by the lab id. It builds no resources of
 * its own.
 *
 * Only the selected labs are built: `-c labs:select=<id>` (what every `labs` command passes), or
 * the stacks of `cdk synth|deploy -e <id>`. Plain `cdk synth`, `cdk deploy <id>` and `cdk ls`
 * build every lab, since the CDK CLI tells the app nothing else about the stacks it wants.
 *
 * cdk-nag's AWS Solutions pack runs with `-c labs:nag=true` (as `npm test`, `labs deploy` and
 * `labs check --offline` do): a finding without a reasoned acknowledgement then fails the synth.
 */
import { App } from 'aws-cdk-lib';
import { addLabStacks, addNag, NAG_CONTEXT_KEY, selectedLabs } from '../lib/lab-kit/app/lab-app';
import { LABS } from '../labs';

async function main(): Promise<void> {
  const app = new App();
  if (String(app.node.tryGetContext(NAG_CONTEXT_KEY)) === 'true') addNag(app);
  let labs;
  try {
    labs = selectedLabs(app, LABS);
  } catch (error) {
    // Bad context is the user's to fix: one line, no stack trace.
    console.error(`labs app: ${(error as Error).message}`);
    process.exit(1);
  }
  await addLabStacks(app, labs);
  app.synth();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
