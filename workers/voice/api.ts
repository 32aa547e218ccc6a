/**
 * Voice of the customer: NPS and CSAT of the dataset's survey answers, overall, by month, by group
 * of a grouping (named by its handle) and by value tier, and the high-value detractors.
 */
import type { EngineContext } from '../core/context';
import type { GroupingHandle } from '../segments/api';
import { runVoice } from './scores';
import { entriesApi, type EntriesApi } from './entries';
import { servqualApi, type ServqualApi } from './servqual';
import { complaintsApi, type ComplaintsApi } from './complaints';
import { recoveryApi, type RecoveryApi } from './recovery';

/** Fewer answers than this in a group: its figures are flagged as too few to rely on. */
export { MIN_ANSWERS } from '../../src/lib/domain';
import type { CsatScale, CsatSummary, NpsSummary } from '../../src/lib/domain';

/** NPS of a set of answers (points, −100…100; NaN without answers) with its 95% adjusted Wald interval; too few under MIN_ANSWERS. */
export interface NpsFigure extends NpsSummary {
  tooFew: boolean;
}

/** CSAT (top-2-box share of 1–5 answers, 0–1; NaN without answers) with its 95% Agresti–Coull interval. */
export interface CsatFigure extends CsatSummary {
  tooFew: boolean;
}

/** NPS and CSAT of one group of answers. */
export interface VoiceFigures {
  nps: NpsFigure;
  csat: CsatFigure;
}

/** The interaction kind that is a complaint (InteractionColumns.kind). */
export const COMPLAINT = 'complaint';

/**
 * Complaints of a group's customers: interactions of the kind 'complaint' dated on or before the
 * analysis day (undated ones always count), as in the survey answers.
 */
export interface ComplaintFigures {
  /** Customers in the group. */
  customers: number;
  /** Of them, those with at least one complaint. */
  complainers: number;
  /** Their complaints, and their orders by the grouping's day. */
  complaints: number;
  orders: number;
  /** complainers / customers (NaN without customers). */
  rate: number;
  /** complaints per 1,000 orders (NaN without orders). */
  per1000Orders: number;
}

/** A segment's voice: NPS and CSAT of its customers' answers, and its complaints. */
export interface SegmentVoice extends VoiceFigures {
  /** null when the dataset holds no interactions at all (nothing to count). */
  complaints: ComplaintFigures | null;
}

/** A customer whose latest NPS answer is 0–6 and whose value is in the top fifth. */
export interface DetractorCustomer {
  id: string;
  name: string;
  /** The latest NPS answer and its day. */
  nps: number;
  day: number;
  /** Net spend up to the figures' day. */
  net: number;
  /** CLV after a value fit in this session, else null. */
  clv: number | null;
}

export interface VoiceRequest {
  /** The grouping the figures are shown by (default: the 11 RFM segments with default settings). */
  grouping?: GroupingHandle;
  /** Only answers dated on or before this day count, and groupings are as of it (default: every answer). */
  analysisDay?: number;
  /** The CSAT scale the answers were given on (default: the dataset's, from its highest answer). */
  csatScale?: CsatScale;
}

export interface VoiceResult {
  /** Survey rows (an answer to NPS, CSAT or both) that count. */
  answers: number;
  /**
   * The CSAT scale used, the lowest satisfied score on it, the scale the answers suggest (from the
   * highest answer), and the CSAT answers above the scale used (left out).
   */
  csatScale: { scale: CsatScale; topBox: number; detected: CsatScale; aboveScale: number };
  /** First and last day of those answers (null without any). */
  firstDay: number | null;
  lastDay: number | null;
  /** Every answer counts (a customer who answered twice counts twice). */
  overall: VoiceFigures;
  /** Per calendar month ('YYYY-MM'), in order, months without answers left out. */
  byMonth: (VoiceFigures & { month: string })[];
  /** The grouping the groups are of, and its groups in the grouping's order (answers of customers in no group left out). */
  grouping: { kind: GroupingHandle['definition']['kind']; id: string };
  groups: (VoiceFigures & { key: string })[];
  /** Answers of customers in no group of the grouping (prospects, customers unknown to the orders). */
  ungrouped: number;
  /** The same by value tier (Pareto 20/30/50 on net revenue). */
  tiers: (VoiceFigures & { key: string })[];
  /**
   * Customers whose latest NPS answer is a detractor's (0–6) and whose value is in the top 20% of
   * customers (by CLV after a value fit, else by net revenue), most valuable first; `count` is
   * complete, `customers` lists up to 500.
   */
  detractors: { basis: 'clv' | 'net'; count: number; customers: DetractorCustomer[] };
}

export interface VoiceApi extends EntriesApi, ServqualApi, ComplaintsApi, RecoveryApi {
  /** NPS and CSAT of the loaded dataset's survey answers. */
  voice(jobId: string, datasetId: string, request?: VoiceRequest): Promise<VoiceResult>;
}

export function voiceApi(ctx: EngineContext): VoiceApi {
  return {
    voice(jobId, datasetId, request = {}) {
      return ctx.run(jobId, async (checkpoint) => runVoice(ctx.current(datasetId), request, checkpoint));
    },
    ...entriesApi(ctx),
    ...servqualApi(ctx),
    ...complaintsApi(ctx),
    ...recoveryApi(ctx),
  };
}
