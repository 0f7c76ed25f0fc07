// What the population report holds: computed by report.ts, rendered by report_html.ts.
import type { NpsSummary } from '../../index.node.js';

export interface Distribution { count: number; mean: number; p10: number; p50: number; p90: number }

export interface PopulationReport {
  asOf: string;
  profiles: number;
  rejected: number;
  nps: NpsSummary | null;
  /** Extended NPS: intended (promoters) against actual recommendation (referrals made). */
  advocacy: {
    promoters: number;
    promotersWhoReferred: number;
    promoterReferralShare: number;
    silentAdvocates: number;
    /** Referrals made across the population, how many of the referred became customers, and the share. */
    referrals: number;
    convertedReferrals: number;
    referralConversion: number;
  };
  scores: Record<string, Distribution>;
  segments: Record<string, number>;
  personas: Record<string, number>;
  rfmSegments: Record<string, number>;
}
