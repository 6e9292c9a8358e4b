/**
 * Vega-Lite specs to SVG in Node: vega-lite compiles the spec, a vega View with renderer 'none'
 * runs the dataflow headless, and toSVG() writes the markup. No browser and no canvas: text widths
 * are vega's estimates.
 *
 * vega 6 and vega-lite 6 are ES modules with top-level await, so they are loaded with a dynamic
 * import() (this project is CommonJS under tsx); jest cannot load them, so their tests run the CLI.
 *
 * @see https://vega.github.io/vega/docs/api/view/#view_toSVG
 */
import type { TopLevelSpec } from 'vega-lite';

/** The look every plot shares, merged under the lab's own spec. */
const CONFIG = {
  background: 'white',
  font: 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif',
  axis: { labelFontSize: 11, titleFontSize: 12, grid: true, gridColor: '#eee' },
  legend: { labelFontSize: 11, titleFontSize: 12, orient: 'bottom', columns: 3, labelLimit: 320, titleLimit: 400 },
  view: { stroke: '#ccc' },
};

/** One spec as SVG markup. */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const vega = await import('vega');
  const vl = await import('vega-lite');
  const withConfig = { ...spec, config: { ...CONFIG, ...(spec.config ?? {}) } } as TopLevelSpec;
  const view = new vega.View(vega.parse(vl.compile(withConfig).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
