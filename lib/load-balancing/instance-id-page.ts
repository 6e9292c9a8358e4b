/**
 * The page every target of a zonal fleet serves, and how a client reads it back: both sides of the
 * contract in one file. The user-data commands write the instance's own id and Availability Zone
 * into a static page; the parser reads them out of each response, so a client can count which
 * target answered.
 */

/** The path the target group health-checks: a static file, so a check measures the server, not an app. */
export const HEALTH_CHECK_PATH = '/health.txt';

/** Where the page lives on the instance. */
const WEB_ROOT = '/var/www/instance-id';

/**
 * The Instance Metadata Service (IMDSv2): a PUT for a session token, then GETs with it. The launch
 * requires IMDSv2, so a GET without the token is refused.
 * @see https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instance-metadata-retrieval.html
 */
const IMDS = 'http://169.254.169.254/latest';

/** Why a port is refused, or undefined when it is fine. */
export function portProblem(name: string, port: number): string | undefined {
  return Number.isInteger(port) && port >= 1024 && port <= 65535 ? undefined : `${name}: received ${port}; allowed: 1024 to 65535 (the server runs without root)`;
}

/**
 * User-data commands that write `instance-id=<id> az=<zone>` to a page and serve it with
 * `python3 -m http.server`, started by a systemd unit. Nothing is installed: Python 3 and curl ship
 * with Amazon Linux 2023, so the targets need no internet access, no NAT and no package mirror.
 * Any other path (a changed health-check path) is answered 404 by `http.server`.
 *
 * @see https://docs.aws.amazon.com/linux/al2023/ug/python.html
 * @see https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instance-metadata-retrieval.html
 */
export function instanceIdPageCommands(port: number): string[] {
  const problem = portProblem('port', port);
  if (problem) throw new Error(problem);
  return [
    `TOKEN=$(curl -sf -X PUT ${IMDS}/api/token -H 'X-aws-ec2-metadata-token-ttl-seconds: 300')`,
    `ID=$(curl -sf -H "X-aws-ec2-metadata-token: $TOKEN" ${IMDS}/meta-data/instance-id)`,
    `AZ=$(curl -sf -H "X-aws-ec2-metadata-token: $TOKEN" ${IMDS}/meta-data/placement/availability-zone)`,
    `mkdir -p ${WEB_ROOT}`,
    `printf 'instance-id=%s az=%s\\n' "$ID" "$AZ" > ${WEB_ROOT}/index.html`,
    `printf 'ok\\n' > ${WEB_ROOT}${HEALTH_CHECK_PATH}`,
    `chmod -R a+rX ${WEB_ROOT}`,
    "cat > /etc/systemd/system/instance-id-page.service <<'LAB_UNIT'",
    '[Unit]',
    `Description=Serves this instance's id on port ${port} with python3 http.server`,
    'After=network-online.target',
    'Wants=network-online.target',
    '[Service]',
    `ExecStart=/usr/bin/python3 -m http.server ${port} --bind 0.0.0.0 --directory ${WEB_ROOT}`,
    'DynamicUser=yes',
    'Restart=always',
    'RestartSec=1',
    '[Install]',
    'WantedBy=multi-user.target',
    'LAB_UNIT',
    'systemctl daemon-reload',
    'systemctl enable --now instance-id-page.service',
  ];
}

/** What a response body says about the target that answered. */
export interface InstanceIdPage {
  readonly instanceId?: string;
  readonly availabilityZone?: string;
}

const PAGE = /^instance-id=(i-[0-9a-f]{8,17}) az=([a-z0-9-]+)\s*$/;

/** Reads the instance id and zone out of a page; both undefined for any other body. */
export function parseInstanceIdPage(body: string): InstanceIdPage {
  const m = PAGE.exec(body);
  return m ? { instanceId: m[1], availabilityZone: m[2] } : {};
}
