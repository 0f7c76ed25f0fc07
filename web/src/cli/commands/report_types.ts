// What the population report holds: computed by report.ts, rendered by report_html.ts.
import type { NpsSummary, PlanSummary, RankedConversation } from '../../index.node.js';

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

/** The report over an intake store (`selfcrm report --store`): what customers shared. */
export interface StoreReport {
  asOf: string;
  /** Only claims granted for this purpose were read (null: every claim in force). */
  purpose: string | null;
  customers: number;
  claims: number;
  /** From the nps:category claims in force (a category stands for its answers: the score is the same). */
  nps: NpsSummary | null;
  npsCategories: Record<string, number>;
  /** Customers whose segment:NAME claim is true, by NAME. */
  segments: Record<string, number>;
  personas: Record<string, number>;
  /** Every claim granted in a presentation taken in (copied, borrowed), by level and purpose; share of all. */
  grants: { level: string; purpose: string; claims: number; share: number }[];
  /**
   * The conversations worth having over the same rows (`selfcrm rank --budget 10`): what they
   * capture of the population's expected value and the ten with their reasons; null without rows.
   */
  conversationPlan: { summary: PlanSummary; conversations: RankedConversation[] } | null;
}
