// A custom resource provider that never answers Create, and answers Update and Delete with SUCCESS.
//
// CloudFormation sends each request with a ResponseURL, "a presigned S3 bucket" URL, and waits for
// the provider to PUT its response there ("Custom resource request objects"). By never answering
// Create, this provider shows how long CloudFormation waits: the resource's ServiceTimeout. It does
// answer Delete, which CloudFormation sends when it rolls the failed create back and when the stack
// is deleted, so the throwaway stack goes away in seconds instead of waiting out a second timeout.
//
// It logs one `LABREQUEST {json}` line per request: the request type, the stack and resource, and
// what the ResponseURL is (its scheme, host and whether it carries a signature), never the URL
// itself, which is a credential for writing the response.
'use strict';
const https = require('node:https');

function describeUrl(text) {
  try {
    const url = new URL(text);
    const q = url.searchParams;
    return { protocol: url.protocol, host: url.host, presigned: q.has('X-Amz-Signature') || q.has('Signature') };
  } catch {
    return { protocol: 'none', host: 'none', presigned: false };
  }
}

function put(url, body) {
  return new Promise((resolve, reject) => {
    // No content type: the presigned URL was signed without one (as cfn-response sends it).
    const req = https.request(url, { method: 'PUT', headers: { 'content-type': '', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    req.end(body);
  });
}

exports.handler = async (event, context) => {
  const line = {
    requestType: event.RequestType,
    stackId: event.StackId,
    logicalResourceId: event.LogicalResourceId,
    resourceType: event.ResourceType,
    responseUrl: describeUrl(event.ResponseURL),
    answered: event.RequestType !== 'Create',
  };
  console.log(`LABREQUEST ${JSON.stringify(line)}`);
  if (event.RequestType === 'Create') return;
  const status = await put(
    event.ResponseURL,
    JSON.stringify({
      Status: 'SUCCESS',
      PhysicalResourceId: event.PhysicalResourceId || context.logStreamName,
      StackId: event.StackId,
      RequestId: event.RequestId,
      LogicalResourceId: event.LogicalResourceId,
    }),
  );
  console.log(`LABANSWER ${JSON.stringify({ requestType: event.RequestType, stackId: event.StackId, httpStatus: status })}`);
};
