// The endpoint probe: runs in the lab's isolated subnets, whose only way to S3 is the gateway
// endpoint, and reads the keys it is given. It reports each GetObject's outcome (HTTP status and S3
// error code) without judging it; the lab's checks judge.
const { S3Client, GetObjectCommand } = require('@aws-sdk/client-s3');

const s3 = new S3Client({});

exports.handler = async (event) => {
  const results = [];
  for (const key of event.keys || []) {
    try {
      const out = await s3.send(new GetObjectCommand({ Bucket: event.bucket, Key: key }));
      const body = await out.Body.transformToString();
      results.push({ key, status: out.$metadata.httpStatusCode, body });
    } catch (e) {
      results.push({ key, status: e.$metadata ? e.$metadata.httpStatusCode : undefined, code: e.name, message: e.message });
    }
  }
  return { results };
};
