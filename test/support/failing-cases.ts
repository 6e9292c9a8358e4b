/**
 * The two tests every lab has: each claim's check passes on the truth and fails on the
 * observation that contradicts it, and no claim is left without such a case.
 */
import type { Evidence, TemplateJson } from '../../lib/lab-kit/checks/claim';
import type { LabDefinition } from '../../lib/lab-kit/checks/lab-definition';
import { claimOf, mutatedCopy } from '../../lib/lab-kit/checks/testing';

/** A claim id and the template change that must make its offline check fail. */
export type OfflineCase = [claimId: string, change: (template: any) => void];

/** A claim id, the change to a mocked world that must make its live check fail, and what the evidence must then say. */
export type LiveCase<W> = [claimId: string, change: (world: W) => void, message: string];

function idsOf(cases: ReadonlyArray<readonly [string, ...unknown[]]>): string[] {
  return [...new Set(cases.map(([id]) => id))].sort();
}

/** Every offline check passes on the lab's template and fails on each mutated copy. */
export function offlineChecksFailOn(lab: LabDefinition, template: TemplateJson, cases: readonly OfflineCase[]): void {
  test('every claim has a failing case', () => {
    expect(idsOf(cases)).toEqual(lab.claims.map((c) => c.id).sort());
  });

  test.each(cases)('%s passes on the lab and fails on the mutated template (%#)', (id, change) => {
    expect(claimOf(lab, id).offline(template).passed).toBe(true);
    const evidence = claimOf(lab, id).offline(mutatedCopy(template, change));
    expect(evidence.passed).toBe(false);
    expect(evidence.observed.length).toBeGreaterThan(10);
  });
}

/** Every live check fails, saying why, in each world that contradicts its truth. */
export function liveChecksFailOn<W>(lab: LabDefinition, cases: ReadonlyArray<LiveCase<W>>, fresh: () => W, check: (claimId: string, world: W) => Promise<Evidence>): void {
  test('every live claim has a failing case', () => {
    expect(idsOf(cases)).toEqual(lab.claims.filter((c) => c.live).map((c) => c.id).sort());
  });

  test.each(cases)('%s fails: %#', async (id, change, message) => {
    const world = fresh();
    change(world);
    const e = await check(id, world);
    expect(e.passed).toBe(false);
    expect(e.observed).toContain(message);
  });
}
