import { estimateCost } from '../../../lib/lab-kit/operations/cost';
import { judgeOffline, mutatedCopy, synthLab } from '../../../lib/lab-kit/testing';
import type { TemplateJson } from '../../../lib/lab-kit/template/json';
import { cloudformationStackLifecycle as lab } from '..';
import { cycleMembers, type LabFacts, labFacts, undeclaredRefs } from '../facts';
import { editing } from './offline-cases';
import { experiments, regionMapWithout, SEED_REGION_MAP, seedTemplate, silentCustomResourceTemplate, validateServiceTimeout } from '../templates';

let template: TemplateJson;
let facts: LabFacts;

beforeAll(async () => {
  template = await synthLab(lab);
  facts = labFacts(template);
}, 120_000);

describe('cloudformation-stack-lifecycle template', () => {
  test('one function and its log group (plus the self-destruct), nothing billed by the hour', () => {
    const types = Object.values<any>(template.Resources ?? {}).map((r) => r.Type).sort();
    expect(types.filter((t) => t === 'AWS::Lambda::Function')).toHaveLength(2);
    expect(types).not.toContain('AWS::RDS::DBInstance');
    expect(estimateCost(template).hourly).toBe(0);
  });

  test('its Metadata holds exactly the templates the live checks send, as a JSON string (no Ref or Fn:: in the lab template outside Resources and Outputs)', () => {
    expect(typeof (template.Metadata as any).LabExperiments).toBe('string');
    expect(JSON.stringify(template.Metadata)).not.toMatch(/"(Ref|Fn::[A-Za-z]+)":/);
    expect(facts.experiments).toEqual(JSON.parse(JSON.stringify(experiments())));
  });

  test('I6: CDK defaults read from a synthesized throwaway app: RDS Snapshot, bucket and tables Retain, a cluster writer and a queue Delete', () => {
    expect(Object.fromEntries(facts.cdkDefaults.map((d) => [d.construct, d.deletionPolicy]))).toEqual({
      'rds.DatabaseInstance': 'Snapshot',
      'rds.DatabaseCluster': 'Snapshot',
      'rds.ClusterInstance (writer)': 'Delete',
      's3.Bucket': 'Retain',
      'dynamodb.TableV2': 'Retain',
      'dynamodb.Table': 'Retain',
      'sqs.Queue': 'Delete',
    });
  });

  test('I36: cycles found through Ref, GetAtt and DependsOn', () => {
    const e = experiments();
    expect(cycleMembers(e.securityGroupCycle)).toEqual(['AppSg', 'WebSg']);
    expect(cycleMembers(e.securityGroupRules)).toEqual([]);
    expect(cycleMembers(e.dependsOnCycle)).toEqual(['First', 'Second']);
    expect(cycleMembers(e.dependsOnCycle, { withDependsOn: false })).toEqual([]);
  });

  test('T6: the seed refers to an undeclared InstanceType; the map without the run Region leaves it out', () => {
    expect(undeclaredRefs(seedTemplate())).toEqual(['InstanceType']);
    expect(Object.keys(regionMapWithout('us-east-1'))).toEqual(Object.keys(SEED_REGION_MAP).filter((r) => r !== 'us-east-1'));
    expect(Object.keys(regionMapWithout('eu-central-1'))).toEqual(Object.keys(SEED_REGION_MAP));
  });

  test('a ServiceTimeout outside 1..3600 is refused in one line naming the prop, the value and what is allowed', () => {
    for (const bad of [0, 3601, 1.5]) expect(() => silentCustomResourceTemplate(bad)).toThrow(`serviceTimeout: received ${bad}; allowed: an integer from 1 to 3600 seconds`);
    expect(() => validateServiceTimeout(3600)).not.toThrow();
  });

  test('offline checks fail on more than their registered case', () => {
    const fails = (claim: string, change: (t: any) => void) => expect(judgeOffline(lab, claim, mutatedCopy(template, change)).outcome).toBe('fail');
    fails('I6.deletion-policy-retains-resources', (t) => (t.Metadata.LabCdkDefaultDeletionPolicies = []));
    fails('I30.provider-must-respond-or-stack-times-out', editing((e) => (e.customResource.template.Resources.Silent.Properties.ServiceTimeout = 3600)));
    fails('I30.custom-resources-and-registry-types', (t) => delete t.Metadata.LabExperiments);
    fails('T6.typed-parameters-and-ssm-ami-parameter', editing((e) => e.typed.template.Parameters.InstanceType.AllowedValues.push('m5.24xlarge')));
    fails('T6.undeclared-ref-fails-template-validation', (t) => (t.Metadata.LabExperiments = 'not JSON'));
  });
});
