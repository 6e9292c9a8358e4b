import { colourPageCommands, colourPageHtml, HEALTH_CHECK_PATH, parseColourPage } from '../../lib/deployment/colour-page';

describe('colour page', () => {
  test('the page names its colour and version, and the parser reads them back', () => {
    const html = colourPageHtml('green', 'v2');
    expect(html).toContain('<title>green v2</title>');
    expect(parseColourPage(html)).toEqual({ colour: 'green', version: 'v2' });
  });

  test('any other body reads as no colour', () => {
    expect(parseColourPage('<html><body><h1>502 Bad Gateway</h1></body></html>')).toEqual({ colour: undefined, version: undefined });
    expect(parseColourPage('data-colour="red"')).toEqual({ colour: undefined, version: undefined });
  });

  test('user data writes the page and a health file, and serves them with python3 under systemd, installing nothing', () => {
    const commands = colourPageCommands({ colour: 'blue', version: 'v1', port: 8080 });
    const script = commands.join('\n');
    expect(script).toContain(colourPageHtml('blue', 'v1'));
    expect(script).toContain(`printf 'ok\\n' > /var/www/colour${HEALTH_CHECK_PATH}`);
    expect(script).toContain('ExecStart=/usr/bin/python3 -m http.server 8080 --bind 0.0.0.0 --directory /var/www/colour');
    expect(script).toContain('DynamicUser=yes');
    expect(commands.at(-1)).toBe('systemctl enable --now colour-page-blue.service');
    expect(script).not.toMatch(/\b(dnf|yum|curl|wget|pip)\b/);
  });

  test('throws when the version or port is unsafe, listing every problem', () => {
    expect(() => colourPageCommands({ colour: 'blue', version: "v1'; rm -rf /", port: 80 })).toThrow(
      `version: received "v1'; rm -rf /"; allowed: 1 to 32 letters, digits, dots, underscores and hyphens (e.g. v2 or 2026.11.23-1); port: received 80; allowed: 1024 to 65535 (the server runs without root)`,
    );
  });
});
