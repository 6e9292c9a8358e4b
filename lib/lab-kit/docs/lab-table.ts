import { formatUsd, estimateCost } from '../operations/cost';
import { type LabDefinition, questionsOf } from '../checks/lab-definition';
import type { TemplateJson } from '../template/json';

const START = '<!-- labs:start -->';
const END = '<!-- labs:end -->';

/** The README's lab table: id (linked to its README), questions, $/hour, deploy time, title. */
export function renderLabTable(labs: readonly { lab: LabDefinition; template: TemplateJson }[]): string {
  const rows = labs.map(({ lab, template }) => {
    const cost = estimateCost(template);
    const deploy = lab.deployTime.split(/[;(,]/)[0].trim();
    return `| [\`${lab.id}\`](labs/${lab.id}/README.md) | ${questionsOf(lab).join(' ')} | ${formatUsd(cost.hourly)} | ${deploy} | ${lab.title} |`;
  });
  return ['| lab | questions | $/hour (us-east-1, idle) | deploy | what it shows |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

/** Replaces the table between the README's labs markers. */
export function updateLabTable(readme: string, table: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start === -1 || end < start) throw new Error(`README.md: missing ${START} ... ${END} around the lab table`);
  return `${readme.slice(0, start + START.length)}\n${table}\n${readme.slice(end)}`;
}

/** The table currently in the README, for the freshness test. */
export function currentLabTable(readme: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start === -1 || end < start) throw new Error(`README.md: missing ${START} ... ${END} around the lab table`);
  return readme.slice(start + START.length, end).trim();
}
