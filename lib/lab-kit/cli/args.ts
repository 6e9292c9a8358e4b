import { UserError } from '../core/errors';

/** A parsed command line: positionals and `--flag` / `--key=value` options. */
export interface ParsedArgs {
  readonly command?: string;
  readonly positionals: readonly string[];
  readonly flags: Readonly<Record<string, string | boolean>>;
}

/** Parses `check nat-vs-public-ip --json --rate=5`. Values only with `=`, so a flag never eats a lab id. */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const positionals: string[] = [];
  const flags: Record<string, string | boolean> = {};
  for (const arg of argv) {
    if (arg === '-h') flags.help = true;
    else if (arg.startsWith('--')) {
      const [key, ...rest] = arg.slice(2).split('=');
      if (!key) throw new UserError(`option ${JSON.stringify(arg)} has no name`);
      flags[key] = rest.length > 0 ? rest.join('=') : true;
    } else if (arg.startsWith('-') && arg.length > 1) {
      throw new UserError(`unknown option ${arg}: options are written --name or --name=value`);
    } else positionals.push(arg);
  }
  return { command: positionals[0], positionals: positionals.slice(1), flags };
}

/** Refuses options a command does not know, naming the ones it does. */
export function allowFlags(args: ParsedArgs, allowed: readonly string[]): void {
  const unknown = Object.keys(args.flags).filter((f) => !allowed.includes(f));
  if (unknown.length > 0) {
    const known = allowed.length > 0 ? allowed.map((a) => `--${a}`).join(', ') : 'none';
    throw new UserError(`unknown option ${unknown.map((u) => `--${u}`).join(', ')} for \`labs ${args.command}\`; allowed: ${known}`);
  }
}
