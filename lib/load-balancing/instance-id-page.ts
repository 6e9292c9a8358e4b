/**
 * The page every target of a zonal fleet serves, and how a client reads it back: both sides of the
 * contract in one file. The user-data commands write the instance's own id and Availability Zone
 * into a static page; the parser reads them out of each response, so a client can count which
 * target answered.
 */

/** The path the target group health-checks: answered by the server itself, so a check measures the server, not an app. */
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
 * The instance tag that fails one target's health check without touching the target group: while
 * it is `fail`, the server answers the health-check path 503. The server reads it from the instance
 * metadata (`/latest/meta-data/tags/instance/<key>`), which needs instance metadata tags allowed in
 * the launch options. A tag added or removed shows there while the instance runs on instances built
 * on the Nitro System (t4g is): "View tags for your EC2 instances using instance metadata".
 * @see https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/work-with-tags-in-IMDS.html
 */
export const HEALTH_TAG_KEY = 'lab-health';
export const HEALTH_TAG_FAILING = 'fail';

/**
 * The server: Python's standard library only. `/` (any query) gives the page, the health-check path
 * `ok` unless the instance's {@link HEALTH_TAG_KEY} tag is `fail`, anything else 404. Every answer
 * says `Cache-Control: no-store`, so no cache on the way may keep it (RFC 9111 §5.2.2.5,
 * https://www.rfc-editor.org/rfc/rfc9111#section-5.2.2.5).
 */
function serverScript(port: number): string[] {
  return [
    'import http.server, urllib.request',
    `IMDS = '${IMDS}'`,
    `PAGE = open('${WEB_ROOT}/index.html', 'rb').read()`,
    'def tag():',
    '    try:',
    "        token = urllib.request.urlopen(urllib.request.Request(IMDS + '/api/token', method='PUT', headers={'X-aws-ec2-metadata-token-ttl-seconds': '60'}), timeout=1).read().decode()",
    `        return urllib.request.urlopen(urllib.request.Request(IMDS + '/meta-data/tags/instance/${HEALTH_TAG_KEY}', headers={'X-aws-ec2-metadata-token': token}), timeout=1).read().decode().strip()`,
    '    except Exception:',
    "        return ''",
    'class Handler(http.server.BaseHTTPRequestHandler):',
    '    def do_GET(self):',
    "        path = self.path.split('?')[0]",
    `        if path == '${HEALTH_CHECK_PATH}':`,
    `            code, body = (503, b'failing\\n') if tag() == '${HEALTH_TAG_FAILING}' else (200, b'ok\\n')`,
    "        elif path == '/':",
    '            code, body = 200, PAGE',
    '        else:',
    "            code, body = 404, b'not found\\n'",
    '        self.send_response(code)',
    "        self.send_header('Content-Type', 'text/plain')",
    "        self.send_header('Cache-Control', 'no-store')",
    "        self.send_header('Content-Length', str(len(body)))",
    '        self.end_headers()',
    '        self.wfile.write(body)',
    '    def log_message(self, *args):',
    '        pass',
    `http.server.ThreadingHTTPServer(('0.0.0.0', ${port}), Handler).serve_forever()`,
  ];
}

/**
 * User-data commands that write `instance-id=<id> az=<zone>` to a page and serve it with a small
 * Python server ({@link serverScript}), started by a systemd unit. Nothing is installed: Python 3 and
 * curl ship with Amazon Linux 2023, so the targets need no internet access, no NAT and no package
 * mirror. Any other path (a changed health-check path) is answered 404.
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
    `cat > ${WEB_ROOT}/server.py <<'LAB_SERVER'`,
    ...serverScript(port),
    'LAB_SERVER',
    `chmod -R a+rX ${WEB_ROOT}`,
    "cat > /etc/systemd/system/instance-id-page.service <<'LAB_UNIT'",
    '[Unit]',
    `Description=Serves this instance's id on port ${port} with a python3 standard-library server`,
    'After=network-online.target',
    'Wants=network-online.target',
    '[Service]',
    `ExecStart=/usr/bin/python3 ${WEB_ROOT}/server.py`,
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
