/**
 * `labs new <id> --questions=B6,I10`: the folder of a new lab, wired into the registry, that fails
 * the invariant suite until its checks, failing cases, outputs and README are written. The
 * scaffold writes no claim text: the claims table of its README is generated from the catalog.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { indexClaims, isQuestionId, labsChecking } from '../catalog/catalog';
import type { CatalogClaim } from '../catalog/model';
import { PROJECT_ROOT } from '../core/project';
import { UserError } from '../core/errors';
import { CLAIMS_MARKERS, renderClaimsTable } from '../docs/readme-claims';
import { DIAGRAM_MARKERS } from '../docs/readme-diagram';
import type { ParsedArgs } from './args';
import type { CliEnv } from './context';

const LAB_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** `sqs-dead-letter-queue` → `sqsDeadLetterQueue`. */
export function camelCase(id: string): string {
  return id.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** `sqs-dead-letter-queue` → `SqsDeadLetterQueue`. */
export function pascalCase(id: string): string {
  const camel = camelCase(id);
  return camel.charAt(0).toUpperCase() + camel.slice(1);
}

/** The claims a new lab for these questions takes: each not conceptual and not checked by another lab. */
export function claimsForNewLab(env: Pick<CliEnv, 'catalog' | 'labs'>, questions: readonly string[]): CatalogClaim[] {
  return env.catalog
    .filter((e) => questions.includes(e.id))
    .flatMap((e) => e.claims)
    .filter((c) => !c.conceptual && labsChecking(c.id, env.labs).length === 0);
}

const TEMPLATES = path.join(__dirname, 'scaffold-templates');
const FILES = ['index.ts', 'outputs.ts', 'stack.ts', 'facts.ts', 'checks.ts', 'test/offline-cases.ts', 'README.md'];

/** The new lab's files: the templates in scaffold-templates/ with their {{placeholders}} filled. */
function files(id: string, claims: readonly CatalogClaim[], table: string): Record<string, string> {
  const values: Record<string, string> = {
    id,
    camelId: camelCase(id),
    StackClass: `${pascalCase(id)}Stack`,
    checks: claims.map((c) => `  '${c.id}': { offline: () => notWritten('${c.id}') },`).join('\n'),
    claimsTable: table,
    claimsStart: CLAIMS_MARKERS.start,
    claimsEnd: CLAIMS_MARKERS.end,
    diagramStart: DIAGRAM_MARKERS.start,
    diagramEnd: DIAGRAM_MARKERS.end,
  };
  return Object.fromEntries(
    FILES.map((file) => [file, fs.readFileSync(path.join(TEMPLATES, `${file}.template`), 'utf8').replace(/\{\{(\w+)\}\}/g, (_, key: string) => values[key])]),
  );
}

/** Adds `import { x } from './id';` and `x` to the registry list. */
export function addToRegistry(registry: string, id: string): string {
  const name = camelCase(id);
  const list = /(export const LABS: readonly LabDefinition\[\] = \[)([^\]]*)(\];)/;
  const m = list.exec(registry);
  if (!m) throw new UserError('labs/index.ts: cannot find `export const LABS: readonly LabDefinition[] = [...]` to add the lab to');
  const entries = m[2].split(',').map((s) => s.trim()).filter(Boolean);
  const withList = registry.replace(list, `$1${[...entries, name].join(', ')}$3`);
  const imports = [...withList.matchAll(/^import .*;$/gm)];
  const last = imports[imports.length - 1];
  const at = last ? last.index! + last[0].length : 0;
  return `${withList.slice(0, at)}\nimport { ${name} } from './${id}';${withList.slice(at)}`;
}

export function newLabCommand(env: CliEnv, args: ParsedArgs): number {
  const id = args.positionals[0];
  if (!id || !LAB_ID.test(id)) throw new UserError(`lab id: received ${JSON.stringify(id ?? '')}; allowed: kebab-case, e.g. s3-buckets-and-objects`);
  if (env.labs.some((l) => l.id === id)) throw new UserError(`lab ${id} already exists`);
  const questions = typeof args.flags.questions === 'string' ? args.flags.questions.split(',').map((q) => q.trim().toUpperCase()).filter(Boolean) : [];
  const bad = questions.filter((q) => !isQuestionId(q));
  if (questions.length === 0 || bad.length > 0) throw new UserError(`--questions: received ${JSON.stringify(String(args.flags.questions ?? ''))}; allowed: question ids, comma-separated (B1–B25, I1–I50, A1–A50, T1–T10)`);
  const claims = claimsForNewLab(env, questions);
  if (claims.length === 0) throw new UserError(`questions ${questions.join(', ')} have no claim a new lab could take: each is conceptual or checked by another lab`);
  const root = env.root ?? PROJECT_ROOT;
  // The installed package holds built labs only: a new lab's TypeScript belongs in a checkout.
  if (!fs.existsSync(path.join(root, 'labs', 'index.ts'))) throw new UserError(`labs new writes a lab into a checkout of the project, and ${root} has no labs/index.ts (it is the installed package): clone the repository to add a lab`);
  const dir = path.join(root, 'labs', id);
  if (fs.existsSync(dir)) throw new UserError(`labs/${id} already exists`);
  const index = indexClaims(env.catalog);
  const table = renderClaimsTable({ id, checks: Object.fromEntries(claims.map((c) => [c.id, {}])) }, (c) => index.get(c)?.claim);
  for (const [file, text] of Object.entries(files(id, claims, table))) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  const registry = path.join(root, 'labs', 'index.ts');
  fs.writeFileSync(registry, addToRegistry(fs.readFileSync(registry, 'utf8'), id));
  const planned = claims.filter((c) => c.planned);
  env.io.out(
    [
      `created labs/${id}/ (index.ts, outputs.ts, stack.ts, facts.ts, checks.ts, test/offline-cases.ts, README.md) and added it to labs/index.ts`,
      `claims: ${claims.map((c) => c.id).join(', ')}`,
      ...(planned.length > 0 ? [`in catalog/, remove \`planned\` from ${planned.map((c) => c.id).join(', ')}: a lab checks them now`] : []),
      'The lab fails `npm test` until each check, failing case, output and README section is written: README.md, "Adding a lab", says how.',
    ].join('\n'),
  );
  return 0;
}
