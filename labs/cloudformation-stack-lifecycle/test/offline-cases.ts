import type { OfflineCases } from '../../../lib/lab-kit/testing';

/** For every claim, the template change that must make its offline check fail. */
export const OFFLINE_CASES: OfflineCases = {};
