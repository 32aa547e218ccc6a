/**
 * The Voice page's complaint-loss and referral parts: repurchase and churn after a complaint
 * (resolved, unresolved, never complained) with the complaint loss and its customers, and the
 * referral value of the referrers by segment and by NPS group. Two engine calls; computed again
 * when the dataset, the analysis day, the value fit, the silence factor or the grouping changes,
 * and the complaint figures also after a feedback entry is saved by hand.
 */
import { isoDate, maskId, maskPersonal } from '../../domain';
import { toCsv } from '../../domain/import';
import type { RecoveryResult, ReferralResult } from '../../../../workers/api';
import { Loaded } from '../loaded.svelte';
import { setUpGrouping, voiceGroupingHandle } from '../voice.svelte';
import { VoicePart } from './part.svelte';
import { Recompute } from './recompute';

/** Silence factors offered: gone when silent beyond this many usual gaps between purchases. */
export const GAP_FACTORS = [1, 1.5, 2, 3] as const;

let calls = 0;

export class RecoveryState extends VoicePart {
  readonly recovery = new Loaded<RecoveryResult>();
  readonly referrals = new Loaded<ReferralResult>();
  #factor = $state(2);
  /** What each result was computed for. */
  #recoveryFor = new Recompute();
  #referralsFor = new Recompute();

  get gapFactor(): number { return this.#factor; }

  async setGapFactor(factor: number): Promise<void> {
    this.#factor = factor;
    await this.sync();
  }

  /** Bring both parts up to date (a view calls this in an effect). */
  async sync(): Promise<void> {
    const id = this.ctx.currentDatasetId;
    const revision = this.ctx.revision;
    const day = this.source.analysisDay;
    const fit = this.fitted();
    const version = this.editor.version;
    const factor = this.#factor;
    const grouping = this.grouping;
    const shown = setUpGrouping(this.source, grouping, revision, day);
    if (!id) return;
    await Promise.all([
      this.#recoveryFor.run(this.recovery, { revision, key: [day, fit, version, factor] },
        () => this.ctx.engine.api.recovery(`recovery-${++calls}`, id, { analysisDay: day, gapFactor: factor })),
      this.#referralsFor.run(this.referrals, { revision, key: [day, fit, grouping], handle: shown?.id }, async () => {
        const handle = shown ?? (await voiceGroupingHandle(this.ctx, this.source, grouping, id, day));
        return this.ctx.engine.api.referrals(`referrals-${++calls}`, id, { grouping: handle, analysisDay: day });
      }),
    ]);
  }

  /** The customers lost after a complaint as CSV, ids and names masked when asked; formula-injection safe. */
  lostCsv(header: string[], words: { open: string; resolved: string }, mask: boolean): string {
    const lost = this.recovery.value?.lost ?? [];
    return toCsv(header, lost.map((c) => [
      mask ? maskId(c.id) : c.id, mask ? maskPersonal(c.name) : c.name, isoDate(c.firstComplaint), isoDate(c.latestComplaint),
      c.open ? words.open : words.resolved, isoDate(c.lastPurchase), c.silentDays, c.usualGap ?? '', c.value,
    ]));
  }

  /** The top referrers as CSV (id, name, referred, net revenue, CLV), masked when asked. */
  referrersCsv(header: string[], mask: boolean): string {
    const rows = this.referrals.value?.referrers ?? [];
    return toCsv(header, rows.map((r) => [mask ? maskId(r.id) : r.id, mask ? maskPersonal(r.name) : r.name, r.referred, r.net, r.clv ?? '']));
  }
}
