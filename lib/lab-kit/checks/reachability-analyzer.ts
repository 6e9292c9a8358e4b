import type { ObserveContext } from './lab-definition';

/** What Reachability Analyzer concluded for one path. */
export interface ReachabilityVerdict {
  readonly source: string;
  readonly destination: string;
  readonly pathFound: boolean;
  /** Explanation codes of a blocked path (e.g. `NO_ROUTE_TO_DESTINATION`). */
  readonly explanations: readonly string[];
  readonly seconds: number;
}

/**
 * Asks EC2 Reachability Analyzer whether `source` can reach `destination` (TCP, `port`), as
 * control-plane evidence beside a probe. Analyzer models configuration; it sends no packet. Each
 * analysis is billed (about $0.10), so callers make it opt-in. The path and analysis it creates
 * are deleted even when it fails.
 *
 * @see https://docs.aws.amazon.com/vpc/latest/reachability/what-is-reachability-analyzer.html
 */
export async function analyzeReachability(
  ctx: Pick<ObserveContext, 'labId' | 'aws' | 'progress' | 'sleep' | 'now'>,
  source: string,
  destination: string,
  port = 443,
  timeoutMs = 5 * 60_000,
): Promise<ReachabilityVerdict> {
  const {
    CreateNetworkInsightsPathCommand,
    DeleteNetworkInsightsAnalysisCommand,
    DeleteNetworkInsightsPathCommand,
    DescribeNetworkInsightsAnalysesCommand,
    EC2Client,
    StartNetworkInsightsAnalysisCommand,
  } = await import('@aws-sdk/client-ec2');
  const ec2 = new EC2Client(ctx.aws);
  const started = ctx.now();
  const path = await ec2.send(
    new CreateNetworkInsightsPathCommand({
      Source: source,
      Destination: destination,
      Protocol: 'tcp',
      DestinationPort: port,
      TagSpecifications: [{ ResourceType: 'network-insights-path', Tags: [{ Key: 'lab', Value: ctx.labId }] }],
    }),
  );
  const pathId = path.NetworkInsightsPath?.NetworkInsightsPathId;
  if (!pathId) throw new Error('CreateNetworkInsightsPath returned no path id');
  let analysisId: string | undefined;
  try {
    const start = await ec2.send(new StartNetworkInsightsAnalysisCommand({ NetworkInsightsPathId: pathId }));
    analysisId = start.NetworkInsightsAnalysis?.NetworkInsightsAnalysisId;
    if (!analysisId) throw new Error('StartNetworkInsightsAnalysis returned no analysis id');
    for (;;) {
      const out = await ec2.send(new DescribeNetworkInsightsAnalysesCommand({ NetworkInsightsAnalysisIds: [analysisId] }));
      const analysis = out.NetworkInsightsAnalyses?.[0];
      const elapsed = ctx.now() - started;
      // Status running | succeeded | failed: "NetworkInsightsAnalysis", EC2 API Reference,
      // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_NetworkInsightsAnalysis.html
      if (analysis?.Status === 'succeeded') {
        return {
          source,
          destination,
          pathFound: analysis.NetworkPathFound === true,
          explanations: (analysis.Explanations ?? []).map((e) => e.ExplanationCode ?? 'UNKNOWN'),
          seconds: Math.round(elapsed / 1000),
        };
      }
      if (analysis?.Status === 'failed') throw new Error(`Reachability Analyzer failed: ${analysis.StatusMessage ?? 'no message'}`);
      if (elapsed > timeoutMs) throw new Error(`Reachability Analyzer did not finish in ${Math.round(timeoutMs / 1000)} s`);
      ctx.progress(`Reachability Analyzer ${source} → ${destination}: ${analysis?.Status ?? 'pending'}, ${Math.round(elapsed / 1000)} s`);
      await ctx.sleep(5000);
    }
  } finally {
    // Cleanup must not hide the check's own result; a leftover is reported so the user can remove it.
    const leftover = (id: string) => (error: Error) => ctx.progress(`could not delete ${id} (${error.message}): delete it in the VPC console, Reachability Analyzer`);
    if (analysisId) await ec2.send(new DeleteNetworkInsightsAnalysisCommand({ NetworkInsightsAnalysisId: analysisId })).catch(leftover(analysisId));
    await ec2.send(new DeleteNetworkInsightsPathCommand({ NetworkInsightsPathId: pathId })).catch(leftover(pathId));
  }
}
