/**
 * The voice of each group of a grouping, for the Segments page's tables and personas: NPS and
 * CSAT of its customers' answers, counted as the Voice page counts them, and its complaints —
 * the share of its customers who complained and the complaints per 1,000 of its orders.
 */
import type { LoadedDataset, Segmentation } from '../core/loaded';
import { COMPLAINT, type ComplaintFigures, type SegmentVoice } from './api';
import { answersOf, byLabel, countsBy, figures } from './scores';

/**
 * NPS, CSAT and complaints of the groups `keys` names, in that order, as of the analysis day
 * (answers and complaints dated on or before it; undefined: all of them). Null when the dataset holds
 * neither survey answers nor interactions: there is nothing to show.
 */
export function voiceOfGroups(
  ds: LoadedDataset, seg: Pick<Segmentation, 'labels' | 'frequency'>, keys: readonly string[], analysisDay: number | undefined,
): SegmentVoice[] | null {
  const { surveys, interactions } = ds.content;
  if (surveys.customerId.length === 0 && interactions.customerId.length === 0) return null;
  const { groups } = byLabel(answersOf(ds, analysisDay), seg.labels);
  const complaints = interactions.customerId.length > 0 ? complaintsByLabel(ds, seg, analysisDay) : null;
  return keys.map((key) => ({
    ...figures(ds, groups.get(key) ?? []),
    complaints: complaints ? (complaints.get(key) ?? rated(tally())) : null,
  }));
}

const tally = (): ComplaintFigures => ({ customers: 0, complainers: 0, complaints: 0, orders: 0, rate: NaN, per1000Orders: NaN });

function rated(g: ComplaintFigures): ComplaintFigures {
  g.rate = g.customers > 0 ? g.complainers / g.customers : NaN;
  g.per1000Orders = g.orders > 0 ? (1000 * g.complaints) / g.orders : NaN;
  return g;
}

/** Customers, complainers, complaints and orders per group label (customers in no group left out). */
export function complaintsByLabel(ds: LoadedDataset, seg: Pick<Segmentation, 'labels' | 'frequency'>, analysisDay: number | undefined): Map<string, ComplaintFigures> {
  const it = ds.content.interactions;
  const perCustomer = new Int32Array(seg.labels.length);
  for (let r = 0; r < it.customerId.length; r++) {
    if (it.kind[r] !== COMPLAINT || !countsBy(it.day[r], analysisDay)) continue;
    const k = ds.indexed.customerIndex.get(it.customerId[r]);
    if (k !== undefined) perCustomer[k]++;
  }
  const out = new Map<string, ComplaintFigures>();
  seg.labels.forEach((label, k) => {
    if (!label) return;
    let g = out.get(label);
    if (!g) out.set(label, (g = tally()));
    g.customers++;
    g.orders += seg.frequency[k];
    g.complaints += perCustomer[k];
    if (perCustomer[k] > 0) g.complainers++;
  });
  for (const g of out.values()) rated(g);
  return out;
}
