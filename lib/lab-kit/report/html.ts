/**
 * HTML helpers shared by the report and the site: escaping (every text that goes into a page
 * passes through {@link esc}) and one page shell with inline CSS, so a page needs no network.
 */

/** Text made safe for HTML content and attribute values. */
export function esc(text: unknown): string {
  return String(text ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** The page's style: plain, readable, printable; outcome and verdict badges. */
export const CSS = `
:root { --fg: #1d1d1f; --muted: #5f6368; --line: #dadce0; --bg: #fff; --pass: #137333; --fail: #c5221f; --inconclusive: #b06000; --error: #8e24aa; --skipped: #5f6368; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); margin: 0; }
main { max-width: 1040px; margin: 0 auto; padding: 24px; }
h1 { font-size: 26px; margin: 0 0 4px; } h2 { font-size: 20px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; } h3 { font-size: 16px; margin: 18px 0 6px; }
a { color: #1a5fb4; }
.muted { color: var(--muted); }
.example { background: #fff4ce; border: 2px solid #e0a800; padding: 10px 14px; border-radius: 6px; margin: 12px 0; font-weight: 600; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; font-size: 14px; }
.meta dt { color: var(--muted); } .meta dd { margin: 0; overflow-wrap: anywhere; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 700; color: #fff; text-transform: uppercase; letter-spacing: .03em; vertical-align: 1px; }
.badge.pass { background: var(--pass); } .badge.fail { background: var(--fail); } .badge.inconclusive { background: var(--inconclusive); } .badge.error { background: var(--error); } .badge.skipped { background: var(--skipped); }
.badge.holds { background: var(--pass); } .badge.oversimplified { background: var(--inconclusive); } .badge.outdated { background: var(--error); } .badge.wrong { background: var(--fail); }
.claim { border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; margin: 10px 0; }
.claim h3 { margin: 0 0 4px; font-size: 15px; font-family: ui-monospace, Menlo, monospace; }
table { border-collapse: collapse; width: 100%; font-size: 14px; } th, td { text-align: left; border-bottom: 1px solid var(--line); padding: 4px 8px; vertical-align: top; }
th { background: #f6f8fa; }
.plot { margin: 16px 0 24px; } .plot svg { max-width: 100%; height: auto; } .plot figcaption { color: var(--muted); font-size: 13px; }
.diagram { margin: 12px 0; text-align: center; } .diagram svg { max-width: 100%; height: auto; }
.diff { background: #fce8e6; border-left: 4px solid var(--fail); padding: 6px 12px; margin: 6px 0; }
pre, code { font-family: ui-monospace, Menlo, monospace; font-size: 13px; } pre { background: #f6f8fa; padding: 10px; overflow-x: auto; border-radius: 6px; }
input, select { font: inherit; padding: 4px 8px; margin: 0 8px 8px 0; }
nav { font-size: 14px; margin-bottom: 12px; }
`;

/**
 * A whole page: inline CSS, nothing from the network. `script` is inline too; `scriptFiles` are
 * scripts the site ships beside its pages (paths relative to the page), which the page's CSP then
 * allows from its own origin, and only those pages.
 */
export function page(title: string, body: string, script = '', scriptFiles: readonly string[] = []): string {
  const scriptSrc = scriptFiles.length > 0 ? "'self' 'unsafe-inline'" : "'unsafe-inline'";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src ${scriptSrc}; img-src data:">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
${body}
</main>
${scriptFiles.map((f) => `<script src="${esc(f)}"></script>\n`).join('')}${script ? `<script>${script}</script>` : ''}
</body>
</html>
`;
}
