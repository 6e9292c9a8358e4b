/**
 * The claims of A11, I46, T8 and I38 (its deployment part), each with the template evidence that the
 * lab is built to show it and, where AWS can show it, the live evidence of what it does.
 */
import { type Claim, evidence, type Evidence, type Figure, type Source, type TemplateJson } from '../../lib/lab-kit/checks/claim';
import { COLOURS } from '../../lib/deployment/colour-page';
import { capacityDuringDeployment, describeCapacities } from '../../lib/deployment/elastic-beanstalk-deployment-policies';
import { MAX_WEIGHT } from '../../lib/deployment/listener-weights';
import { describeCanary, describeSwitch, judgeSwitch, SWITCH_CRITERIA, type SwitchStats } from '../../lib/deployment/traffic-stats';
import {
  CANARY_WEIGHTS,
  describeHealth,
  healthProblems,
  observeCanary,
  observeDns,
  observeHealth,
  observeSwitch,
  OUTSIDE_CLOUDFORMATION,
  type SwitchObservation,
} from './observe';
import { describeFleet, forwardsToBothColours, serviceFacts, weightOf } from './template-facts';

const DOCS = {
  forward: { title: 'Action types for listener rules: forward actions (Application Load Balancers)', url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-action-types.html#forward-actions' },
  quotas: { title: 'Quotas for your Application Load Balancers', url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-limits.html' },
  weightedBlog: { title: 'New – Application Load Balancer Simplifies Deployment with Weighted Target Groups', url: 'https://aws.amazon.com/blogs/aws/new-application-load-balancer-simplifies-deployment-with-weighted-target-groups/' },
  modifyListener: { title: 'ModifyListener (Elastic Load Balancing API Reference)', url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_ModifyListener.html' },
  healthChecks: { title: 'Health checks for Application Load Balancer target groups', url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html' },
  asgHealth: { title: 'Health checks for instances in an Auto Scaling group', url: 'https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-health-checks.html' },
  albSubnets: { title: 'Application Load Balancers (subnets for your load balancer)', url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html' },
  deregistration: { title: 'Edit target group attributes: deregistration delay', url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/edit-target-group-attributes.html#deregistration-delay' },
  ebBlueGreen: { title: 'Blue/Green deployments with Elastic Beanstalk', url: 'https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/using-features.CNAMESwap.html' },
  ebPolicies: { title: 'Deployment policies and settings (Elastic Beanstalk)', url: 'https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/using-features.rolling-version-deploy.html' },
  ebDeploy: { title: 'Deploying applications to Elastic Beanstalk environments', url: 'https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/using-features.deploy-existing-version.html' },
  ebImmutable: { title: 'Immutable environment updates (Elastic Beanstalk)', url: 'https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/environmentmgmt-updates-immutable.html' },
  route53Faq: { title: 'Amazon Route 53 FAQs (alias records to load balancers have a fixed 60-second TTL)', url: 'https://aws.amazon.com/route53/faqs/' },
  route53Alias: {
    title: "Choosing between alias and non-alias records (Amazon Route 53): an alias to an AWS resource has no TTL of its own; Route 53 uses the resource's",
    url: 'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resource-record-sets-choosing-alias-non-alias.html',
  },
  drift: { title: 'Detect unmanaged configuration changes to stacks and resources with drift detection', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-stack-drift.html' },
} satisfies Record<string, Source>;

/**
 * The TTL of a Route 53 alias record to a load balancer, as AWS documents it: fixed at 60 seconds
 * (Route 53 FAQs, DNS failover; an alias takes the TTL of the resource it points to). A DNS-based
 * rollback waits up to this long for a client whose resolver has just cached the old answer, longer
 * where the TTL is not honoured. What a resolver returns is the time left on its cached answer, so
 * the live check compares against this figure, not against a lookup.
 */
export const LOAD_BALANCER_ALIAS_TTL_SECONDS = 60;

/** The environment size the T8 evidence models the Elastic Beanstalk policies on. */
const EXAMPLE_INSTANCES = 4;


const TRAFFIC_METHOD =
  'Node fetch GETs http://<LoadBalancerDnsName>/ at --rate for --duration (defaults 10/s, 30 s) with a per-request timeout, reading the colour from each page; ' +
  'ModifyListener moves all weight to green after a fifth of the stream and back to blue halfway through the rest; ' +
  `a switch passes with 0 failed, 0 non-2xx and every response from the new colour within ${SWITCH_CRITERIA.maxConvergenceMs / 1000} s (at least ${SWITCH_CRITERIA.minStableResponses} in a row); ${OUTSIDE_CLOUDFORMATION}`;

function switchFigures(s: SwitchStats, call: number | undefined): Figure[] {
  return [
    { name: `${s.target}: requests`, value: s.counts.requests, unit: 'requests' },
    { name: `${s.target}: non-2xx`, value: s.counts.non2xx, unit: 'responses' },
    { name: `${s.target}: failed`, value: s.counts.failed, unit: 'requests' },
    ...(s.convergedAfterMs === undefined ? [] : [{ name: `${s.target}: time until every response is ${s.target}`, value: Number((s.convergedAfterMs / 1000).toFixed(2)), unit: 's' }]),
    { name: `${s.target}: ${s.from} responses while switching`, value: s.during[s.from], unit: 'responses' },
    { name: `${s.target}: ${s.target} responses while switching`, value: s.during[s.target], unit: 'responses' },
    ...(call === undefined ? [] : [{ name: `${s.target}: ModifyListener call`, value: call, unit: 'ms' }]),
    { name: `${s.target}: p99 latency`, value: s.latency.p99Ms, unit: 'ms' },
  ];
}

function switchEvidence(o: SwitchObservation, which: 'toGreen' | 'toBlue'): Evidence {
  const s = o[which];
  const verdict = judgeSwitch(s);
  const baselineBad = o.baseline.failed + o.baseline.non2xx;
  const problems = [...verdict.problems, ...(baselineBad > 0 ? [`${baselineBad} request(s) failed before any switch`] : [])];
  const change = o.changes[which === 'toGreen' ? 0 : 1];
  const call = change ? change.returnedAtMs - change.calledAtMs : undefined;
  return evidence(
    problems.length === 0,
    `${describeSwitch(s)}.${problems.length > 0 ? ` Not as claimed: ${problems.join('; ')}.` : ''} ` +
      `Before the first switch: ${o.baseline.blue} blue, ${o.baseline.green} green. The listener was changed outside CloudFormation and restored to blue ${o.restored.blue} / green ${o.restored.green}.`,
    TRAFFIC_METHOD,
    switchFigures(s, call),
  );
}

/** The DNS-free switch path in the template: one load balancer, a weighted forward, no DNS resources. */
function dnsFreeSwitch(t: TemplateJson): { passed: boolean; observed: string } {
  const f = serviceFacts(t);
  const passed = f.loadBalancerCount === 1 && forwardsToBothColours(f) && f.dnsResources.length === 0;
  const observed =
    `${f.loadBalancerCount} load balancer; its listener ${forwardsToBothColours(f) ? 'forwards to blue and green by weight' : `does not split between blue and green (${f.forward.targetGroups.length} target group(s))`}; ` +
    (f.dnsResources.length === 0 ? 'no Route 53 record or Elastic Beanstalk environment: a switch never changes DNS' : `DNS in the switch path: ${f.dnsResources.join(', ')}`);
  return { passed, observed };
}

/** The lab's claims, in the order a check runs them: health first, then the traffic experiments, then DNS. */
export const CLAIMS: readonly Claim[] = [
  {
    id: 'I38.health-checks-gate-traffic',
    question: 'I38',
    says: 'An Auto Scaling group spread over several AZs behind a load balancer, with health checks, keeps an EC2 application available.',
    verdict: 'holds',
    truth: {
      statement:
        'The ALB (which needs subnets in at least two AZs) routes only to targets that pass its health check, and an Auto Scaling group using ELB health checks replaces instances that fail it. ' +
        'One caveat for deployments: if every target of a group is unhealthy the ALB fails open and routes to all of them, so confirm the new colour is healthy before giving it weight.',
      sources: [DOCS.healthChecks, DOCS.asgHealth, DOCS.albSubnets],
    },
    offline: (t) => {
      const f = serviceFacts(t);
      const fleets = COLOURS.map((c) => f.fleets[c]);
      const passed =
        f.loadBalancerAzs >= 2 &&
        fleets.every((x) => x.healthCheckType === 'ELB' && !!x.healthCheckPath && x.subnetRoutes.length >= 2 && x.minSize >= 1);
      return evidence(
        passed,
        `ALB in ${f.loadBalancerSubnets} subnets of ${f.loadBalancerAzs} AZs; ` +
          fleets.map((x) => `${describeFleet(x)}, health check ${x.healthCheckPath ?? 'none'} every ${x.healthCheckIntervalSeconds ?? '?'} s (healthy after ${x.healthyThresholdCount ?? '?'}, unhealthy after ${x.unhealthyThresholdCount ?? '?'})`).join('; '),
        'template: load balancer subnets and their AZs, target group health checks, Auto Scaling HealthCheckType and subnets',
      );
    },
    live: async (ctx) => {
      const h = await observeHealth(ctx);
      const problems = healthProblems(h);
      const azs = h.loadBalancer.availabilityZones.length;
      const passed = problems.length === 0 && azs >= 2 && h.loadBalancer.state === 'active';
      return evidence(
        passed,
        `${describeHealth(h)}.${problems.length > 0 ? ` Not healthy: ${problems.join('; ')}.` : ' Both colours are healthy: traffic can move.'}`,
        'ELBv2 DescribeTargetHealth on both target groups; DescribeLoadBalancers for state and Availability Zones',
        [
          ...COLOURS.map((c) => ({ name: `${c} healthy targets`, value: h.colours[c].filter((x) => x.state === 'healthy').length, unit: 'targets' })),
          { name: 'load balancer AZs', value: azs, unit: 'AZs' },
        ],
      );
    },
  },
  {
    id: 'A11.weighted-switch-no-errors',
    question: 'A11',
    says: 'With a blue and a green Auto Scaling group behind one ALB, shifting target-group weights moves the traffic from one to the other.',
    verdict: 'holds',
    truth: {
      statement:
        'A weighted forward action distributes requests between up to 5 target groups by weight (0–999 each). Changing the weights with ModifyListener moves new requests with no DNS change ' +
        '(AWS publishes no figure for how fast: the check measures it), and because both groups stay registered and healthy no request fails; the deregistration delay plays no part, since nothing is deregistered.',
      sources: [DOCS.forward, DOCS.quotas, DOCS.modifyListener, DOCS.weightedBlog],
    },
    offline: (t) => {
      const f = serviceFacts(t);
      const fleets = COLOURS.map((c) => f.fleets[c]);
      const selfContained = fleets.every((x) => x.userData.includes('python3 -m http.server') && !/\b(dnf|yum|curl|wget|pip)\b/.test(x.userData));
      const passed = forwardsToBothColours(f) && fleets.every((x) => x.minSize >= 1 && !!x.autoScalingGroup) && selfContained;
      return evidence(
        passed,
        `listener forward: ${f.forward.targetGroups.map((g) => `${g.targetGroup} weight ${g.weight}`).join(', ') || 'none'}; ` +
          `${fleets.map(describeFleet).join('; ')}; ${selfContained ? 'pages served by python3 http.server from user data, nothing downloaded' : 'a fleet downloads software or serves no page'}`,
        'template: listener DefaultActions ForwardConfig, Auto Scaling groups behind each target group, launch template user data',
      );
    },
    live: async (ctx) => switchEvidence(await observeSwitch(ctx), 'toGreen'),
  },
  {
    id: 'A11.rollback-is-the-same-move',
    question: 'A11',
    says: 'If green misbehaves, rolling back means shifting the traffic back to the blue group.',
    verdict: 'holds',
    truth: {
      statement:
        'Rollback is the same ModifyListener call with the weights reversed, no DNS and nothing to redeploy, as long as blue is still running: keep the old fleet (and its capacity) until the new one has proven itself.',
      sources: [DOCS.forward, DOCS.modifyListener],
    },
    offline: (t) => {
      const f = serviceFacts(t);
      const blue = f.fleets.blue;
      const passed = forwardsToBothColours(f) && (weightOf(f, 'blue') ?? 0) > 0 && weightOf(f, 'green') === 0 && blue.minSize >= 1;
      return evidence(
        passed,
        `deployed weights blue ${weightOf(f, 'blue') ?? 'none'} / green ${weightOf(f, 'green') ?? 'none'}; ${describeFleet(blue)}: ${blue.minSize >= 1 ? 'blue stays in service to roll back to' : 'nothing to roll back to'}`,
        'template: listener weights and the blue Auto Scaling group size',
      );
    },
    live: async (ctx) => switchEvidence(await observeSwitch(ctx), 'toBlue'),
  },
  {
    id: 'A11.canary-split-follows-weights',
    question: 'A11',
    says: 'ALB target groups can also split traffic between the versions, a few percent to the new one first.',
    verdict: 'holds',
    truth: {
      statement:
        'Each request is routed to a target group chosen by weight, so 90/10 gives about 10 % to green; how close depends on the number of requests (binomial). ' +
        'With target group stickiness on, a client holding the AWSALBTG cookie stays on the colour it got, whatever the weights.',
      sources: [DOCS.forward],
    },
    offline: (t) => {
      const f = serviceFacts(t);
      const weights = f.forward.targetGroups.map((g) => g.weight);
      const passed = forwardsToBothColours(f) && weights.every((w) => Number.isInteger(w) && w >= 0 && w <= MAX_WEIGHT) && f.forward.targetGroups.length <= 5 && !f.forward.stickiness;
      return evidence(
        passed,
        `forward action with ${f.forward.targetGroups.length} target groups (at most 5), weights ${weights.join(' / ')} (0–${MAX_WEIGHT}); ` +
          (f.forward.stickiness ? 'target group stickiness is ON: clients holding AWSALBTG would not follow the weights' : 'no target group stickiness: every request follows the weights'),
        'template: listener ForwardConfig TargetGroups and TargetGroupStickinessConfig',
      );
    },
    live: async (ctx) => {
      const c = await observeCanary(ctx);
      const s = c.stats;
      const bad = s.counts.failed + s.counts.non2xx;
      const passed = s.withinTolerance && bad === 0;
      const drift =
        c.drift.status === 'NOT_CHECKED'
          ? `Drift detection not checked (${c.drift.note}).`
          : `While 90/10 was set, CloudFormation drift detection said the listener is ${c.drift.status}${c.drift.differences.length > 0 ? ` (${c.drift.differences.slice(0, 2).join('; ')})` : ''}.`;
      return evidence(
        passed,
        `${describeCanary(s)}.${bad > 0 ? ` ${bad} request(s) failed or were not 2xx.` : ''}${s.withinTolerance ? '' : ' The split is outside the tolerance.'} ${drift} Restored to blue ${c.restored.blue} / green ${c.restored.green}.`,
        `ModifyListener sets blue ${CANARY_WEIGHTS.blue} / green ${CANARY_WEIGHTS.green}, waits 5 s, then Node fetch at --rate for --duration; the green count is tested against the exact 99.9 % binomial acceptance interval; ${OUTSIDE_CLOUDFORMATION}`,
        [
          { name: 'canary trials', value: s.trials, unit: 'responses' },
          { name: 'green responses', value: s.hits, unit: 'responses' },
          { name: 'green share', value: Number((s.observedShare * 100).toFixed(1)), unit: '%' },
          { name: 'tolerance low', value: s.interval.low, unit: 'responses' },
          { name: 'tolerance high', value: s.interval.high, unit: 'responses' },
          { name: 'failed or non-2xx', value: bad, unit: 'requests' },
        ],
      );
    },
  },
  {
    id: 'A11.low-dns-ttl-for-rollback',
    question: 'A11',
    says: 'Keep DNS TTLs low so that a rollback is quick.',
    verdict: 'oversimplified',
    truth: {
      statement:
        'TTLs matter only when the switch is a DNS change (Route 53 weighted records, a second load balancer). With ALB weighted target groups the name never changes, so no TTL delays a rollback. ' +
        'Where DNS is used, low TTLs help but do not bound the delay: resolvers and clients may cache longer, and alias records to a load balancer have a fixed 60-second TTL.',
      sources: [DOCS.forward, DOCS.weightedBlog, DOCS.route53Faq, DOCS.route53Alias],
    },
    offline: (t) => {
      const d = dnsFreeSwitch(t);
      return evidence(d.passed, d.observed, 'template: load balancers, listener ForwardConfig, Route 53 and Elastic Beanstalk resources');
    },
    live: async (ctx) => {
      const d = await observeDns(ctx);
      const s = await observeSwitch(ctx);
      const rollback = s.toBlue.convergedAfterMs;
      const ttl = LOAD_BALANCER_ALIAS_TTL_SECONDS;
      const problems = [
        ...judgeSwitch(s.toBlue).problems,
        ...(rollback !== undefined && rollback / 1000 >= ttl ? [`the rollback took ${(rollback / 1000).toFixed(1)} s, not less than the ${ttl} s TTL a DNS-based rollback waits for`] : []),
      ];
      const passed = rollback !== undefined && problems.length === 0;
      const [a, b] = d.lookups;
      return evidence(
        passed,
        `rolled back to all-blue ${rollback === undefined ? 'never (within the window)' : `${(rollback / 1000).toFixed(1)} s after ModifyListener`}, with no DNS change; ` +
          `a DNS-based rollback (Route 53 alias records to a load balancer, whose TTL AWS documents as a fixed ${ttl} s) waits up to ${ttl} s for a client that has just cached the old answer, longer where the TTL is not honoured.` +
          `${problems.length > 0 ? ` Not as claimed: ${problems.join('; ')}.` : ''} ` +
          `This machine's resolver answered ${d.host} with TTL ${a.ttl} s, then ${b.ttl} s: ${d.cached ? "the remaining TTL of a cached answer, counting down, not the record's TTL" : "the time left on its answer (the record's TTL only on a fresh lookup), so not compared"}.`,
        `rollback time from the switch check (${SWITCH_CRITERIA.maxConvergenceMs / 1000} s criterion), compared with the ${ttl} s TTL AWS documents for alias records to a load balancer (Route 53 FAQs); ` +
          "node:dns resolve4 with TTLs through this machine's resolver, twice 2 s apart, reported only: a caching resolver returns the remaining TTL of its cached answer (0 up to the record's TTL)",
        [
          ...(rollback === undefined ? [] : [{ name: 'rollback until every response is blue', value: Number((rollback / 1000).toFixed(2)), unit: 's' }]),
          { name: 'documented TTL of an alias record to a load balancer', value: ttl, unit: 's' },
          { name: "TTL this machine's resolver returned (remaining TTL of its cached answer)", value: d.maxTtl, unit: 's' },
        ],
      );
    },
  },
  {
    id: 'I46.cname-swap-waits-for-dns',
    question: 'I46',
    says: 'Elastic Beanstalk blue/green (a second environment, then swap CNAMEs) redirects traffic with zero downtime and makes rollback easy.',
    verdict: 'oversimplified',
    truth: {
      statement:
        'Swap environment URLs changes DNS: clients move only when their cached answer expires, and resolvers do not always honour the TTL, so AWS says to keep the old environment until old DNS records have expired; ' +
        'a rollback is another swap with the same delay. The environments must also share (not own) the database. Traffic splitting deployments, or ALB weights, switch without DNS.',
      sources: [DOCS.ebBlueGreen, DOCS.ebPolicies],
    },
    offline: (t) => {
      const d = dnsFreeSwitch(t);
      return evidence(d.passed, `${d.observed}; the lab shows the DNS-free alternative and measures the DNS caching a CNAME swap would wait for`, 'template: load balancers, listener ForwardConfig, Route 53 and Elastic Beanstalk resources');
    },
    live: async (ctx) => {
      const d = await observeDns(ctx);
      const [a, b] = d.lookups;
      return evidence(
        d.maxTtl > 0,
        `${d.host} answered with TTL ${a.ttl} s, then ${b.ttl} s two seconds later (${d.cached ? 'served from a cache, counting down' : 'not visibly cached by this resolver'}): ` +
          (d.maxTtl > 0
            ? `after a CNAME swap, a client whose resolver holds the old answer keeps going to the old environment until that answer expires: up to the record's TTL (${LOAD_BALANCER_ALIAS_TTL_SECONDS} s for a load balancer alias; this resolver's cached answer had ${d.maxTtl} s left), longer where TTLs are not honoured.`
            : 'a TTL of 0 means no caching, which would contradict the claim that swaps wait for caches.'),
        "node:dns resolve4 with TTLs through this machine's resolver, twice 2 s apart (the lab deploys no Elastic Beanstalk environment: the mechanism, DNS caching, is what is measured)",
        [
          { name: 'first TTL', value: a.ttl, unit: 's' },
          { name: 'second TTL', value: b.ttl, unit: 's' },
        ],
      );
    },
  },
  {
    id: 'T8.policies-trade-capacity-for-downtime',
    question: 'T8',
    says: 'All at once stops the instances and redeploys, rolling runs below capacity with no downtime or cost, rolling with an additional batch keeps capacity, and immutable replaces the Auto Scaling group with a new one.',
    verdict: 'oversimplified',
    truth: {
      statement:
        'The policies differ in where the new code goes and so in capacity and downtime: all at once updates every instance in place (a brief outage, no extra cost); rolling updates one batch at a time (capacity drops by a batch, both versions serve; load-balanced environments only); ' +
        'rolling with an additional batch launches a batch first (full capacity); immutable launches a full set in a temporary Auto Scaling group and moves it into the original group (capacity doubles briefly; rollback terminates the new instances). ' +
        'The answer leaves out traffic splitting (a canary) and blue/green (swap URLs, a DNS change).',
      sources: [DOCS.ebPolicies, DOCS.ebDeploy, DOCS.ebImmutable, DOCS.ebBlueGreen],
    },
    offline: (t) => {
      const f = serviceFacts(t);
      const n = f.fleets.blue.minSize;
      const passed = forwardsToBothColours(f) && COLOURS.every((c) => f.fleets[c].minSize >= 1 && f.fleets[c].minSize === f.fleets[c].maxSize);
      // An illustrative environment: with one instance every rolling policy is an outage, which hides the differences.
      const model = describeCapacities(EXAMPLE_INSTANCES).join('; ');
      return evidence(
        passed,
        passed
          ? `this lab is blue/green by weights: ${n} instance(s) per colour, so ${n} keep serving during a switch while ${2 * n} run (double capacity is the price of zero downtime). For an environment of ${EXAMPLE_INSTANCES} instances in batches of 1, Elastic Beanstalk's methods give: ${model}`
          : `a fleet is missing or has no instance (${COLOURS.map((c) => describeFleet(f.fleets[c])).join('; ')}): switching to it would leave nothing serving, like all at once`,
        'template: both Auto Scaling groups (MinSize = MaxSize) behind the weighted forward; capacities from lib/deployment/elastic-beanstalk-deployment-policies.ts',
      );
    },
    live: async (ctx) => {
      const h = await observeHealth(ctx);
      const s = await observeSwitch(ctx);
      const inService = Math.min(...COLOURS.map((c) => h.colours[c].filter((x) => x.state === 'healthy').length));
      const requests = s.toGreen.counts.requests + s.toBlue.counts.requests;
      const bad = s.toGreen.counts.failed + s.toGreen.counts.non2xx + s.toBlue.counts.failed + s.toBlue.counts.non2xx;
      const running = COLOURS.reduce((sum, c) => sum + h.colours[c].length, 0);
      const model = capacityDuringDeployment('BlueGreen', Math.max(1, inService));
      const passed = inService >= 1 && bad === 0;
      return evidence(
        passed,
        `blue/green measured: ${running} instances running (${inService} healthy per colour, ${model.peakInstances} for a service that needs ${model.minInService}), ` +
          `and ${bad} of ${requests} requests failed or were not 2xx across a switch and a rollback. All at once would have had no instance serving for a moment; ` +
          `rolling would have run one batch short; immutable and traffic splitting double the instances, as this lab does.`,
        'ELBv2 DescribeTargetHealth, and the failures counted by the switch check',
        [
          { name: 'instances running', value: running, unit: 'instances' },
          { name: 'failed or non-2xx during switches', value: bad, unit: 'requests' },
        ],
      );
    },
  },
];
