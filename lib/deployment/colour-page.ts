/**
 * The page each fleet of a blue/green service serves, and how a client reads it back. One file holds
 * both sides of the contract: the user-data commands that write and serve the page, and the parser
 * the live checks use on every response.
 */

/** The two fleets of a blue/green deployment. */
export type Colour = 'blue' | 'green';

/** Both colours, in the order they are deployed. */
export const COLOURS: readonly Colour[] = ['blue', 'green'];

/** The path the target groups health-check: a static file, so a check measures the server, not the app. */
export const HEALTH_CHECK_PATH = '/health.txt';

/** Where the page lives on the instance. */
const WEB_ROOT = '/var/www/colour';

/** A version label is written into HTML and a shell here-document: keep it to safe characters. */
const VERSION_PATTERN = /^[A-Za-z0-9._-]{1,32}$/;

/** Why a version label is refused, or undefined when it is fine. */
export function versionProblem(name: string, version: string): string | undefined {
  return VERSION_PATTERN.test(version)
    ? undefined
    : `${name}: received ${JSON.stringify(version)}; allowed: 1 to 32 letters, digits, dots, underscores and hyphens (e.g. v2 or 2026.11.23-1)`;
}

/** Options of {@link colourPageCommands}. */
export interface ColourPageOptions {
  readonly colour: Colour;
  /** The version label the page names, e.g. `v2`. */
  readonly version: string;
  /** The TCP port the server listens on (1024–65535: the server runs without root). */
  readonly port: number;
}

/** The HTML of the page: readable by a person (a coloured page) and by a check (two data attributes). */
export function colourPageHtml(colour: Colour, version: string): string {
  const background = colour === 'blue' ? '#1f5fbf' : '#1e8a3c';
  return [
    '<!doctype html>',
    `<html lang="en"><head><meta charset="utf-8"><title>${colour} ${version}</title></head>`,
    `<body style="background:${background};color:#fff;font:2rem system-ui,sans-serif;text-align:center;padding-top:20vh">`,
    `<h1 id="deployment" data-colour="${colour}" data-version="${version}">${colour} &middot; ${version}</h1>`,
    '</body></html>',
  ].join('\n');
}

/**
 * User-data commands that write the colour page and serve it with `python3 -m http.server`, started
 * by a systemd unit. Nothing is installed: Python 3 ships with Amazon Linux 2023 (cloud-init and
 * dnf are written in it), so the fleet needs no internet access, no NAT and no package mirror.
 *
 * The unit runs under a dynamic user (no root, no writable file system), restarts the server if it
 * dies, and starts at boot. `http.server` is a threading server since Python 3.7, which is plenty for
 * a lab's 10 requests per second; it is not a production web server.
 *
 * @see https://docs.aws.amazon.com/linux/al2023/ug/python.html
 * @see https://docs.python.org/3/library/http.server.html
 */
export function colourPageCommands(options: ColourPageOptions): string[] {
  const problems = [
    versionProblem('version', options.version),
    Number.isInteger(options.port) && options.port >= 1024 && options.port <= 65535
      ? undefined
      : `port: received ${options.port}; allowed: 1024 to 65535 (the server runs without root)`,
  ].filter((p): p is string => p !== undefined);
  if (problems.length > 0) throw new Error(problems.join('; '));
  const unit = `colour-page-${options.colour}`;
  return [
    `mkdir -p ${WEB_ROOT}`,
    `cat > ${WEB_ROOT}/index.html <<'LAB_PAGE'`,
    colourPageHtml(options.colour, options.version),
    'LAB_PAGE',
    `printf 'ok\\n' > ${WEB_ROOT}${HEALTH_CHECK_PATH}`,
    `chmod -R a+rX ${WEB_ROOT}`,
    `cat > /etc/systemd/system/${unit}.service <<'LAB_UNIT'`,
    '[Unit]',
    `Description=Serves the ${options.colour} page (${options.version}) on port ${options.port} with python3 http.server`,
    'After=network-online.target',
    'Wants=network-online.target',
    '[Service]',
    `ExecStart=/usr/bin/python3 -m http.server ${options.port} --bind 0.0.0.0 --directory ${WEB_ROOT}`,
    'DynamicUser=yes',
    'Restart=always',
    'RestartSec=1',
    '[Install]',
    'WantedBy=multi-user.target',
    'LAB_UNIT',
    'systemctl daemon-reload',
    `systemctl enable --now ${unit}.service`,
  ];
}

/** What a response body says about the fleet that answered. */
export interface ColourPage {
  readonly colour?: Colour;
  readonly version?: string;
}

const COLOUR_ATTRIBUTE = /data-colour="(blue|green)"/;
const VERSION_ATTRIBUTE = /data-version="([A-Za-z0-9._-]{1,32})"/;

/** Reads the colour and version out of a page; both are undefined for any other body (an error page). */
export function parseColourPage(body: string): ColourPage {
  const colour = COLOUR_ATTRIBUTE.exec(body)?.[1] as Colour | undefined;
  const version = VERSION_ATTRIBUTE.exec(body)?.[1];
  return { colour, version };
}
