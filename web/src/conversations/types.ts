// What the conversation plan and the support queue give, apart from the engine that computes them.

/** One picked conversation (a line of `selfcrm rank`). */
export interface RankedConversation {
  rank: number;
  /** The input line of the customer's row. */
  line: number;
  subject: string;
  /** Expected value of one conversation now: reach × (retention + recovery + advocacy). */
  value: number;
  /** email, phone, chat, a social network, or in-app when nothing shared says how to reach them. */
  channel: string;
  reason: string;
  parts: { retention: number; recovery: number; advocacy: number; reach: number };
  /** Claims the model needed and did not have. */
  unknown: string[];
}

export interface PlanSummary {
  customers: number;
  withValue: number;
  picked: number;
  pickedValue: number;
  totalValue: number;
  /** pickedValue / totalValue. */
  share: number;
}

/** One customer in the support queue (a line of `selfcrm export support`). */
export interface SupportEntry {
  position: number;
  line: number;
  subject: string;
  priority: 'urgent' | 'high' | 'normal';
  points: number;
  /** Each point's cause, largest first. */
  why: string;
  channel: string;
}

export interface QueueSummary {
  customers: number;
  queued: number;
  kept: number;
}

/** The model's parameters (core/include/selfcrm/conversations/conversation_value.hpp); any subset. */
export interface ConversationParams {
  saveRate?: number;
  churnThreatSaveRate?: number;
  churnThreatLoss?: number;
  aliveWhenUnknown?: number;
  recoveryRate?: number;
  complaintLoss?: number;
  complaintWordOfMouth?: number;
  moneyPerInfluencePoint?: number;
  /** P(a referral follows) for a detractor, a passive, a promoter. */
  activation?: [number, number, number];
  activationUnknown?: number;
  /** Recovery urgency by the six degrees, monologue … community. */
  urgency?: [number, number, number, number, number, number];
  reachPreferred?: number;
  reachStated?: number;
  reachContactOnly?: number;
  reachNone?: number;
}
