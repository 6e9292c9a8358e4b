/**
 * A small graph of boxes, nested groups and arrows, written out as a Mermaid flowchart. Everything
 * is rendered in insertion order, so the same template always gives the same bytes.
 */

/** Node shapes, as Mermaid draws them. */
export type Shape = 'box' | 'round' | 'stadium' | 'circle' | 'cylinder' | 'queue' | 'hexagon';

const SHAPES: Record<Shape, [string, string]> = {
  box: ['[', ']'],
  round: ['(', ')'],
  stadium: ['([', '])'],
  circle: ['((', '))'],
  cylinder: ['[(', ')]'],
  queue: ['[[', ']]'],
  hexagon: ['{{', '}}'],
};

interface Item {
  readonly kind: 'node' | 'group';
  readonly id: string;
  /** Lines of the label, joined with `<br/>`. */
  readonly lines: readonly string[];
  readonly shape: Shape;
  /** The group holding it; undefined at the top level. */
  parent?: string;
  /** Sort key among its siblings (insertion order unless a group is slotted in earlier). */
  order: number;
}

interface Edge {
  readonly from: string;
  readonly to: string;
  readonly label?: string;
  readonly dotted: boolean;
}

const SAFE_ID = /^[A-Za-z][A-Za-z0-9_]*$/;

/** Escapes label text for a `"..."` Mermaid string: quotes and angle brackets become entity codes. */
export function escapeLabel(text: string): string {
  return text.replace(/#/g, '#35;').replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;');
}

export class DiagramGraph {
  private readonly items = new Map<string, Item>();
  private readonly edges: Edge[] = [];
  private readonly edgeKeys = new Set<string>();
  private counter = 0;

  /** Whether a node or group with this id exists. */
  has(id: string): boolean {
    return this.items.has(id);
  }

  /** The group (or undefined for the top level) holding an item. */
  parentOf(id: string): string | undefined {
    return this.items.get(id)?.parent;
  }

  /** Adds a box (or another shape). Ids must be Mermaid-safe: a letter, then letters, digits, `_`. */
  node(id: string, lines: readonly string[], options: { parent?: string; shape?: Shape } = {}): string {
    return this.add({ kind: 'node', id, lines, shape: options.shape ?? 'box', parent: options.parent, order: this.counter++ });
  }

  /** Adds a group (a Mermaid subgraph). `before` slots it in where the first of those siblings was. */
  group(id: string, lines: readonly string[], options: { parent?: string; before?: readonly string[] } = {}): string {
    const order = options.before?.length ? Math.min(...options.before.map((b) => this.items.get(b)!.order)) - 0.5 : this.counter++;
    return this.add({ kind: 'group', id, lines, shape: 'box', parent: options.parent, order });
  }

  /** Moves an item into another group. */
  move(id: string, parent: string): void {
    this.items.get(id)!.parent = parent;
  }

  /** Adds an arrow between two items (groups included); a repeated arrow is drawn once. */
  edge(from: string, to: string, options: { label?: string; dotted?: boolean } = {}): void {
    if (!this.items.has(from) || !this.items.has(to)) return;
    const key = `${from}>${to}>${options.label ?? ''}`;
    if (this.edgeKeys.has(key)) return;
    this.edgeKeys.add(key);
    this.edges.push({ from, to, label: options.label, dotted: options.dotted ?? false });
  }

  /** The Mermaid text, ending with a newline. */
  render(direction: 'LR' | 'TB'): string {
    const out = [`flowchart ${direction}`];
    const children = (parent: string | undefined) =>
      [...this.items.values()].filter((i) => i.parent === parent).sort((a, b) => a.order - b.order);
    const write = (item: Item, depth: number) => {
      const pad = '  '.repeat(depth);
      const label = `"${item.lines.map(escapeLabel).join('<br/>')}"`;
      if (item.kind === 'node') {
        const [open, close] = SHAPES[item.shape];
        out.push(`${pad}${item.id}${open}${label}${close}`);
        return;
      }
      out.push(`${pad}subgraph ${item.id} [${label}]`);
      for (const child of children(item.id)) write(child, depth + 1);
      out.push(`${pad}end`);
    };
    for (const item of children(undefined)) write(item, 1);
    for (const e of this.edges) {
      const arrow = e.dotted ? '-.->' : '-->';
      out.push(`  ${e.from} ${arrow}${e.label ? `|"${escapeLabel(e.label)}"|` : ''} ${e.to}`);
    }
    return `${out.join('\n')}\n`;
  }

  private add(item: Item): string {
    if (!SAFE_ID.test(item.id) || item.id.toLowerCase() === 'end') {
      throw new Error(`diagram id: received ${JSON.stringify(item.id)}; allowed: a letter, then letters, digits and underscores, not "end"`);
    }
    if (this.items.has(item.id)) throw new Error(`diagram id: received ${item.id} twice; allowed: each id once`);
    this.items.set(item.id, item);
    return item.id;
  }
}
