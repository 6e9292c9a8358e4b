/**
 * What the lab's instances write on their serial consoles (one `LABPROBE` line per try, read back
 * with GetConsoleOutput): the probes' names and commands, in a module that loads no aws-cdk-lib, so
 * the stack writes them and the observations read them from one place.
 *
 * The console output can be read by anyone allowed `ec2:GetConsoleOutput`, so the metadata probe
 * prints only the first four characters of the access key id, the token's length and the
 * credentials' times: never the secret key, the session token or the metadata token.
 */

/** The metadata probe: an IMDSv1 request, the IMDSv2 token flow, and the role credentials' shape. */
export const IMDS_PROBE = 'imds';
/** The disk probe: the data volume's block device size next to its file system's size. */
export const DISK_PROBE = 'disk';

/** How long a metadata token lives: the probe takes a new one on every try. */
const TOKEN_TTL_SECONDS = 60;

/**
 * One try of the metadata probe. It prints `key=value` fields:
 * `v1=<HTTP status of a tokenless GET> tokenlen=<length of the PUT token> v2=<status of a GET with the token>
 * list=<status of iam/security-credentials/>` and, when a role is attached,
 * `code=<Code> key=<first 4 of AccessKeyId> exp=<Expiration> upd=<LastUpdated>`.
 *
 * The endpoints and headers are those of "Use the Instance Metadata Service to access instance metadata"
 * (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instancedata-data-retrieval.html) and the credential
 * document's fields those of "Retrieve security credentials from instance metadata"
 * (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instance-metadata-security-credentials.html).
 */
export const IMDS_PROBE_COMMAND = [
  'M=http://169.254.169.254/latest',
  `v1=$(curl -s -o /dev/null -m 2 -w '%{http_code}' $M/meta-data/instance-id)`,
  `t=$(curl -s -m 2 -X PUT -H 'X-aws-ec2-metadata-token-ttl-seconds: ${TOKEN_TTL_SECONDS}' $M/api/token)`,
  `h="X-aws-ec2-metadata-token: $t"`,
  `v2=$(curl -s -o /dev/null -m 2 -w '%{http_code}' -H "$h" $M/meta-data/instance-id)`,
  `list=$(curl -s -o /tmp/lab-role -m 2 -w '%{http_code}' -H "$h" $M/meta-data/iam/security-credentials/)`,
  'creds=""',
  `if [ "$list" = 200 ]; then creds=$(curl -s -m 2 -H "$h" "$M/meta-data/iam/security-credentials/$(head -n1 /tmp/lab-role)" | ` +
    `python3 -c 'import json,sys; d=json.load(sys.stdin); print("code=%s key=%s exp=%s upd=%s" % (d.get("Code"), str(d.get("AccessKeyId", ""))[:4], d.get("Expiration"), d.get("LastUpdated")))'); fi`,
  'echo "v1=$v1 tokenlen=${#t} v2=$v2 list=$list $creds"',
].join('; ');

/**
 * One try of the disk probe: `block=<bytes of the data volume's block device> fs=<bytes of the file system
 * at the mount point> dev=<the device the volume's name resolves to> src=<what is mounted at the mount point,
 * or none>` (lsblk, df, readlink and findmnt). After an Elastic Volumes resize the block device grows and the
 * file system does not, until it is grown ("Extend the file system after resizing an EBS volume",
 * https://docs.aws.amazon.com/ebs/latest/userguide/recognize-expanded-volume-linux.html). `df` reports the file
 * system that holds the path, so `src` says whether that is the data volume's (src = dev) or, with nothing
 * mounted, the root file system's.
 */
export function diskProbeCommand(device: string, mountPoint: string): string {
  return (
    `d=$(readlink -f ${device}); b=$(lsblk -bdno SIZE "$d"); m=$(findmnt -no SOURCE ${mountPoint} || echo none); ` +
    `f=$(df -B1 --output=size ${mountPoint} | tail -n1 | tr -d ' '); echo "block=$b fs=$f dev=$d src=$m"`
  );
}

/** The `key=value` fields of a probe line's output. */
export function probeFields(output: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const part of output.split(/\s+/)) {
    const eq = part.indexOf('=');
    if (eq > 0) fields[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return fields;
}
