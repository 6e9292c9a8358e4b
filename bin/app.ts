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
import { AZS_CONTEXT_KEY, INGRESS_CIDR_CONTEXT_KEY, parseAzs } from '../lib/lab-kit/core/project';
import { parseTtl } from '../lib/lab-kit/stack/ttl';
import { LABS } from '../labs';

const IPV4_CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/**
 * The context a user passes with `-c`, checked before any lab is built, so a bad value is one line
 * from the app (`-c ttl: received "abc"; allowed: ...`), not a construct's stack trace.
 */
function checkContext(app: App): void {
  const ttl = app.node.tryGetContext('ttl');
  if (ttl !== undefined) {
    try {
      parseTtl(ttl);
    } catch (error) {
      throw new Error(`-c ${(error as Error).message}`);
    }
  }
  const azs = app.node.tryGetContext(AZS_CONTEXT_KEY);
  if (azs !== undefined) parseAzs(azs);
  const cidr = app.node.tryGetContext(INGRESS_CIDR_CONTEXT_KEY);
  if (cidr !== undefined) {
    const m = IPV4_CIDR.exec(String(cidr));
    if (!m || m.slice(1, 5).some((o) => Number(o) > 255) || Number(m[5]) > 32) {
      throw new Error(`-c ${INGRESS_CIDR_CONTEXT_KEY}: received ${JSON.stringify(String(cidr))}; allowed: one IPv4 CIDR, e.g. 203.0.113.7/32`);
    }
  }
}

async function main(): Promise<void> {
  const app = new App();
  if (String(app.node.tryGetContext(NAG_CONTEXT_KEY)) === 'true') addNag(app);
  let labs;
  try {
    checkContext(app);
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
