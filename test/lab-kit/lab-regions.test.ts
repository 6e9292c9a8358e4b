import { createLabApp, buildLabStack } from '../../lib/lab-kit/app/lab-app';
import { defineLab, type LabDefinition } from '../../lib/lab-kit/checks/lab-definition';
import { chooseRegions, type LabRegions, regionMismatch } from '../../lib/lab-kit/checks/lab-regions';
import { regionsOption } from '../../lib/lab-kit/cli/operate';
import { LabStack } from '../../lib/lab-kit/stack/lab-stack';

const US: LabRegions = {
  default: ['us-east-1', 'us-east-2'],
  allowed: 'two of us-east-1, us-east-2, us-west-2',
  accepts: (r) => r.length === 2 && r.every((x) => ['us-east-1', 'us-east-2', 'us-west-2'].includes(x)),
};

const lab = (regions?: LabRegions): LabDefinition =>
  ({ id: 'demo-lab', title: 't', deployTime: 'd', hourlyBudgetUsd: 0, stack: async () => LabStack, outputs: {}, facts: () => ({}), checks: { 'B1.x': { offline: () => ({}) as never } }, ...(regions ? { regions } : {}) }) as LabDefinition;

test('chooseRegions: the default without a value, the value when the lab accepts it', () => {
  expect(chooseRegions(US, undefined)).toEqual(['us-east-1', 'us-east-2']);
  expect(chooseRegions(US, 'us-west-2, us-east-1')).toEqual(['us-west-2', 'us-east-1']);
});

test.each([['eu-west-1,us-east-1'], ['us-east-1'], ['us-east-1,us-east-1'], ['us-east-1,Ohio']])('chooseRegions refuses %s in one line naming it and the allowed lists', (value) => {
  expect(() => chooseRegions(US, value)).toThrow(`-c labs:regions: received ${JSON.stringify(value)}; allowed: two of us-east-1, us-east-2, us-west-2, comma-separated, the primary first (default us-east-1,us-east-2)`);
});

test('regionMismatch: none in the primary, else one line saying where the lab lives and what to export', () => {
  expect(regionMismatch('demo-lab', ['us-east-1', 'us-east-2'], 'us-east-1')).toBeUndefined();
  expect(regionMismatch('demo-lab', ['us-east-1', 'us-east-2'], 'us-east-2')).toBe(
    "demo-lab lives in us-east-1 (its Regions: us-east-1, us-east-2), but your credentials' region is us-east-2: `export AWS_REGION=us-east-1`, or choose other Regions with --regions=<primary>,... (the primary first)",
  );
});

test('defineLab refuses a default its own rule rejects', () => {
  expect(() => defineLab({ ...lab(), regions: { ...US, default: ['us-east-1'] } })).toThrow('lab demo-lab: regions.default: received "us-east-1"; allowed: two of');
});

test('a lab with regions gets a stack bound to its primary Region, tagged with them all; -c labs:regions chooses others', async () => {
  const stack = await buildLabStack(createLabApp({ nag: false, validation: false }), lab(US));
  expect(stack.region).toBe('us-east-1');
  expect(stack.regions).toEqual(['us-east-1', 'us-east-2']);
  expect(stack.tags.tagValues()['lab-regions']).toBe('us-east-1,us-east-2');
  const other = await buildLabStack(createLabApp({ nag: false, validation: false, context: { 'labs:regions': 'us-west-2,us-east-2' } }), lab(US));
  expect(other.region).toBe('us-west-2');
  await expect(buildLabStack(createLabApp({ nag: false, validation: false, context: { 'labs:regions': 'eu-west-1,us-east-2' } }), lab(US))).rejects.toThrow('-c labs:regions: received "eu-west-1,us-east-2"');
});

test('a lab without regions stays environment-agnostic and still refuses an env', async () => {
  const stack = await buildLabStack(createLabApp({ nag: false, validation: false }), lab());
  expect(stack.regions).toBeUndefined();
  expect(stack.tags.tagValues()['lab-regions']).toBeUndefined();
  expect(() => new LabStack(createLabApp({ nag: false }), 'demo-lab', { env: { region: 'us-east-1' } })).toThrow('env: received an account or region');
});

test('--regions: checked before any AWS call; refused for an environment-agnostic lab', () => {
  expect(regionsOption(lab(US), 'us-east-2,us-west-2')).toEqual(['us-east-2', 'us-west-2']);
  expect(regionsOption(lab(US), undefined)).toEqual(['us-east-1', 'us-east-2']);
  expect(() => regionsOption(lab(US), 'us-east-1')).toThrow('--regions: received "us-east-1"; allowed: two of');
  expect(() => regionsOption(lab(), 'us-east-1')).toThrow('--regions: received "us-east-1"; allowed: none for demo-lab, which deploys to the Region of your credentials');
  expect(regionsOption(lab(), undefined)).toBeUndefined();
});
