/**
 * The dependency graph CloudFormation reads from a template, and the deletion order it implies.
 *
 * "DependsOn attribute" (CloudFormation template reference): a resource depends on those named in
 * its `DependsOn` and, implicitly, on those its properties reach with `Ref`, `Fn::GetAtt` or
 * `Fn::Sub`; if A depends on B, "B is created before A" and "A is deleted before B".
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-dependson.html
 */
import type { TemplateJson } from './json';

/** The logical ids of resources a value refers to through Ref, Fn::GetAtt and Fn::Sub. */
function referencesIn(value: unknown, resources: ReadonlySet<string>, found: Set<string>): void {
  if (Array.isArray(value)) {
    for (const v of value) referencesIn(v, resources, found);
    return;
  }
  if (!value || typeof value !== 'object') return;
  for (const [key, v] of Object.entries(value)) {
    if (key === 'Ref' && typeof v === 'string' && resources.has(v)) found.add(v);
    else if (key === 'Fn::GetAtt') {
      const target = Array.isArray(v) ? v[0] : typeof v === 'string' ? v.split('.')[0] : undefined;
      if (typeof target === 'string' && resources.has(target)) found.add(target);
    } else if (key === 'Fn::Sub') {
      const text = Array.isArray(v) ? v[0] : v;
      if (typeof text === 'string') {
        for (const m of text.matchAll(/\$\{([^!}][^}.]*)(?:\.[^}]*)?\}/g)) if (resources.has(m[1])) found.add(m[1]);
      }
      if (Array.isArray(v)) referencesIn(v[1], resources, found);
    } else referencesIn(v, resources, found);
  }
}

/** Each resource's direct dependencies: its DependsOn and what its properties refer to. */
export function directDependencies(template: TemplateJson): Map<string, Set<string>> {
  const resources = template.Resources ?? {};
  const ids = new Set(Object.keys(resources));
  const graph = new Map<string, Set<string>>();
  for (const [id, r] of Object.entries(resources)) {
    const deps = new Set<string>();
    const dependsOn = r.DependsOn;
    for (const d of Array.isArray(dependsOn) ? dependsOn : dependsOn ? [dependsOn] : []) if (ids.has(d)) deps.add(d);
    referencesIn(r.Properties, ids, deps);
    deps.delete(id);
    graph.set(id, deps);
  }
  return graph;
}

/** Everything a resource depends on, directly or through others. */
export function allDependencies(graph: ReadonlyMap<string, ReadonlySet<string>>, id: string): Set<string> {
  const seen = new Set<string>();
  const stack = [...(graph.get(id) ?? [])];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (seen.has(next)) continue;
    seen.add(next);
    stack.push(...(graph.get(next) ?? []));
  }
  return seen;
}

/**
 * The resources of `last` that some other resource may outlive at deletion: pairs `other → own`
 * where `other` does not depend on `own`, so CloudFormation may delete `own` first (or in parallel).
 * Empty when every resource outside `last` depends on every resource in it.
 */
export function notDeletedLast(template: TemplateJson, last: readonly string[], ignore: (type: string) => boolean = () => false): string[] {
  const graph = directDependencies(template);
  const own = new Set(last);
  const gaps: string[] = [];
  for (const [id, r] of Object.entries(template.Resources ?? {})) {
    if (own.has(id) || ignore(r.Type)) continue;
    const deps = allDependencies(graph, id);
    for (const o of last) if (!deps.has(o)) gaps.push(`${id} → ${o}`);
  }
  return gaps;
}
