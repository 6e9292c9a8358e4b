// @ts-check
/**
 * The cold-start probe. SDK_CLIENT says where its AWS SDK client is made: `init` (once, when the
 * execution environment starts), `handler` (on every invocation) or `none` (no SDK call at all). With
 * a client it calls STS GetCallerIdentity, which needs no permission. A `padding.js` beside this file
 * (the large-package variant) is loaded at init, as a heavy dependency would be.
 */
const fs = require('node:fs');
const path = require('node:path');

const PADDING = path.join(__dirname, 'padding.js');
const padding = fs.existsSync(PADDING) ? require(PADDING) : undefined;
const mode = process.env.SDK_CLIENT ?? 'none';

function newClient() {
  const { STSClient } = require('@aws-sdk/client-sts');
  return new STSClient({});
}

const initClient = mode === 'init' ? newClient() : undefined;

async function handler() {
  let account = null;
  if (mode !== 'none') {
    const { GetCallerIdentityCommand } = require('@aws-sdk/client-sts');
    const client = initClient ?? newClient();
    account = (await client.send(new GetCallerIdentityCommand({}))).Account ?? null;
  }
  return { mode, paddingEntries: padding ? padding.length : 0, calledSts: account !== null };
}

exports.handler = handler;
