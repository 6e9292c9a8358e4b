/**
 * The command table's types and the parser every command line goes through: node:util's
 * parseArgs reads the tokens (`--ttl=30m` and `--ttl 30m` alike), then each is checked against
 * the command's declared options, so help, parsing, validation and dispatch come from one table.
 */
import { parseArgs as parseTokens } from 'node:util';
import { UserError } from '../core/errors';
import type { CliEnv } from './context';
import { closest } from './suggest';

/** One option of a command: its type, the form of its value (for help), what it does, its check. */
export interface OptionSpec {
  readonly type: 'boolean' | 'string';
  /** The value's form in help: `--ttl=<duration>`. */
  readonly value?: string;
  readonly description: string;
  /** Checks the value before the command runs, so bad input is refused before any AWS call. */
  readonly check?: (value: string) => void;
  /**
   * A string option whose value may be left out (`--record` or `--record=<dir>` or `--record <dir>`):
   * without one it is `true`. @default the value is required
   */
  readonly optionalValue?: boolean;
}

/** A lab's own option of `labs check <lab>`. */
export interface LabOption {
  readonly lab: string;
  readonly name: string;
  readonly spec: OptionSpec;
}

/** A parsed command line: the command, its positionals and its options. */
export interface ParsedArgs {
  readonly command?: string;
  readonly positionals: readonly string[];
  readonly flags: Readonly<Record<string, string | boolean>>;
}

/** One row of the command table: help, parsing, validation and dispatch all read it. */
export interface CommandSpec {
  readonly name: string;
  /** The positionals in the usage line: `<lab-id>`, `[lab-id]`. */
  readonly args?: string;
  /** How many positionals it takes. */
  readonly positionals: { readonly min: number; readonly max: number };
  readonly summary: string;
  /** More lines for `labs help <command>`. */
  readonly details?: readonly string[];
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** Options that only some labs have (`labs check <lab> --analyzer`). */
  readonly labOptions?: (env: CliEnv) => readonly LabOption[];
  /** Checks the positionals (a lab id, a claim id) before the options, so an unknown lab is named first. */
  readonly checkPositionals?: (env: CliEnv, positionals: readonly string[], flags: Readonly<Record<string, string | boolean>>) => void;
  run(env: CliEnv, args: ParsedArgs): Promise<number> | number;
}

/** `--ttl=<duration>` or `--json`. */
export function optionForm(name: string, spec: OptionSpec): string {
  if (spec.type === 'string' && spec.optionalValue) return `--${name}[=${spec.value ?? '<value>'}]`;
  return spec.type === 'string' ? `--${name}=${spec.value ?? '<value>'}` : `--${name}`;
}

/** The usage line of a command. */
export function usageOf(spec: CommandSpec): string {
  return `labs ${spec.name}${spec.args ? ` ${spec.args}` : ''}`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Parses and checks a command's arguments (everything after the command name): unknown options
 * (with a suggestion), values given to flags, flags missing their value, repeated options, too
 * many or too few positionals, and each value's own check. `--help` and `-h` are handled by the caller.
 */
export function parseCommand(spec: CommandSpec, argv: readonly string[], env: CliEnv): ParsedArgs {
  const labOptions = spec.labOptions?.(env) ?? [];
  const all: Record<string, OptionSpec> = { ...spec.options };
  for (const o of labOptions) all[o.name] ??= o.spec;
  const { tokens } = parseTokens({
    args: [...argv],
    // An option with an optional value is read as a flag: `--record=dir` still carries its value, and a
    // positional right after a bare `--record` is taken as its value below.
    options: Object.fromEntries(Object.entries(all).map(([name, o]) => [name, { type: o.optionalValue ? 'boolean' : o.type }])),
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const positionals: string[] = [];
  const flags: Record<string, string | boolean> = {};
  const taken = new Set<number>();
  for (const [i, t] of tokens.entries()) {
    if (taken.has(i)) continue;
    if (t.kind === 'positional') positionals.push(t.value);
    if (t.kind !== 'option') continue;
    if (!t.rawName.startsWith('--')) throw new UserError(`unknown option ${t.rawName}: options are written --name or --name=value (\`labs help ${spec.name}\`)`);
    const o = all[t.name];
    if (!o) {
      flags[t.name] = t.value ?? true;
      continue;
    }
    if (t.name in flags) throw new UserError(`--${t.name} is given twice; give it once`);
    if (o.optionalValue) {
      const next = tokens[i + 1];
      if (t.inlineValue && !t.value) throw new UserError(`--${t.name} needs a value after =: ${optionForm(t.name, o)}`);
      if (!t.inlineValue && next?.kind === 'positional') taken.add(i + 1);
      flags[t.name] = t.inlineValue ? t.value! : next?.kind === 'positional' ? next.value : true;
      continue;
    }
    if (o.type === 'boolean' && t.inlineValue) throw new UserError(`--${t.name} takes no value: write --${t.name}, not ${t.rawName}=${t.value}`);
    if (o.type === 'string' && (t.value === undefined || t.value === '' || (!t.inlineValue && t.value.startsWith('-')))) {
      throw new UserError(`--${t.name} needs a value: ${optionForm(t.name, o)}`);
    }
    flags[t.name] = o.type === 'boolean' ? true : t.value!;
  }
  if (positionals.length > spec.positionals.max) {
    throw new UserError(
      `\`labs ${spec.name}\` takes ${spec.positionals.max === 0 ? 'no argument' : `at most ${plural(spec.positionals.max, 'argument')} (${spec.args})`}; received ${positionals.length}: ${positionals.join(' ')}`,
    );
  }
  if (positionals.length < spec.positionals.min) {
    if (spec.args === '<lab-id>' && spec.name !== 'new') throw new UserError(`name a lab: ${usageOf(spec)}; known labs: ${env.labs.map((l) => l.id).join(', ')}`);
    throw new UserError(`\`labs ${spec.name}\` needs ${spec.args}: ${usageOf(spec)} (\`labs help ${spec.name}\`)`);
  }
  spec.checkPositionals?.(env, positionals, flags);
  const own = Object.keys(spec.options);
  const lab = positionals[0];
  const labOwn = flags.offline ? [] : labOptions.filter((o) => o.lab === lab).map((o) => o.name);
  const allowed = [...own, ...labOwn];
  const unknown = Object.keys(flags).filter((f) => !allowed.includes(f));
  if (unknown.length > 0) {
    const first = unknown[0];
    const elsewhere = labOptions.filter((o) => o.name === first).map((o) => o.lab);
    const near = closest(first, allowed);
    const where = elsewhere.length > 0 && !flags.offline ? ` (an option of the live checks of ${elsewhere.join(', ')})` : near.length > 0 ? ` (did you mean ${near.map((n) => `--${n}`).join(' or ')}?)` : '';
    throw new UserError(
      `unknown option ${unknown.map((u) => `--${u}`).join(', ')} for \`labs ${spec.name}${labOptions.length > 0 && lab && !flags.offline ? ` ${lab}` : ''}\`${where}; allowed: ${allowed.map((a) => `--${a}`).join(', ') || 'none'}`,
    );
  }
  for (const [name, value] of Object.entries(flags)) {
    const o = all[name];
    if (o?.check && typeof value === 'string') o.check(value);
  }
  return { command: spec.name, positionals, flags };
}
