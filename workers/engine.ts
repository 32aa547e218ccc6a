/**
 * The engine: the implementation of EngineApi. The worker entry exposes one instance with
 * Comlink; tests and benchmarks may call it directly.
 */
import {
  cacByChannel, churnRateByPeriod, clvToCac, cohortTable, computeKpis, monthlySeries, repeatPurchaseRate, retentionRates,
  revenueRetention, NO_DAY, type DatasetContent, datasetOfPseudonymMap, lookupPseudonym, PSEUDONYM_KEY_SETTING, PSEUDONYM_PREFIX,
  pseudonymMapSetting, restorePseudonymMap,
} from '../src/lib/domain';
import { generateDemo } from '../src/lib/domain/demo';
import {
  decodeDataset, listSnapshots, newId, openDatabase, readChunks, sweepPendingBatches, toNotice, type DatasetRow, type WorkbenchDB,
} from '../src/lib/db';
import type { EngineApi, ProgressCallback } from './api';
import { customerDetail } from './ops/customer-detail';
import { queryCustomers } from './ops/customer-table';
import { Jobs, yieldToEvents } from './ops/jobs';
import { prepareDataset, type LoadedDataset } from './ops/loaded';
import { activeBatchIds } from './ops/locks';
import { storeDataset } from './ops/store';
import { previewFile } from './ops/import/preview';
import { importFiles } from './ops/import/run';
import { runRfm, segmentCsv, segmentPersona } from './ops/segments';
import { runValue } from './ops/value';
import { runWarnings } from './ops/warnings';
import { forgetCustomer } from './ops/forget';
import { createBackup, inspectBackup, restoreBackup } from './ops/backup';
import { runClusters, runLifecycle, runRule, runTiers } from './ops/groupings';
import { cellMembers, compareSnapshots, snapshotAfterImport, snapshotCurrent } from './ops/snapshots';

/** Seed of the built-in demo company. */
export const DEMO_SEED = 20240601;

/** Every failure leaves the engine as a plain {code, params} notice (Comlink clones it as is). */
function withNotices(api: EngineApi): EngineApi {
  const wrapped: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(api) as [string, (...args: unknown[]) => unknown][]) {
    wrapped[name] = (...args: unknown[]) => {
      try {
        const result = fn(...args);
        return result instanceof Promise ? result.catch((error: unknown) => Promise.reject(toNotice(error))) : result;
      } catch (error) {
        throw toNotice(error);
      }
    };
  }
  return wrapped as unknown as EngineApi;
}

export function createEngine(db: WorkbenchDB = openDatabase()): EngineApi {
  const jobs = new Jobs();
  let loaded: LoadedDataset | undefined;

  function current(datasetId: string): LoadedDataset {
    if (!loaded || loaded.id !== datasetId) throw { code: 'error.notLoaded', params: { id: datasetId } };
    return loaded;
  }

  async function run<T>(jobId: string, work: (checkpoint: () => void) => Promise<T>): Promise<T> {
    const job = jobs.begin(jobId);
    try {
      return await work(job.checkpoint);
    } catch (error) {
      throw toNotice(error);
    } finally {
      job.end();
    }
  }

  return withNotices({
    async start() {
      const active = await activeBatchIds();
      const swept = await sweepPendingBatches(db, (id) => active.has(id));
      return { swept };
    },

    createDemo(jobId, options, onProgress?: ProgressCallback) {
      return run(jobId, async (checkpoint) => {
        onProgress?.({ phase: 'generating', done: 0, total: 1 });
        await yieldToEvents();
        const seed = options.seed ?? DEMO_SEED;
        const demo = generateDemo({ seed, locale: options.locale });
        checkpoint();
        const previous = options.replaceDatasetId ? await db.datasets.get(options.replaceDatasetId) : undefined;
        const now = Date.now();
        const dataset: DatasetRow = {
          id: previous?.id ?? newId('ds'),
          name: previous?.name ?? demo.name,
          currency: demo.currency,
          origin: 'demo',
          demo: { seed, locale: options.locale },
          createdAt: previous?.createdAt ?? now,
          updatedAt: now,
          counts: { customers: 0, orders: 0, surveys: 0, interactions: 0 },
        };
        const content: DatasetContent = {
          customers: demo.customers, orders: demo.orders, surveys: demo.surveys, interactions: demo.interactions,
        };
        await storeDataset(db, { dataset, content, source: 'demo', replace: previous !== undefined }, checkpoint, onProgress);
        if (loaded?.id === dataset.id) loaded = undefined;
        return dataset.id;
      });
    },

    load(jobId, datasetId, onProgress?: ProgressCallback) {
      return run(jobId, async (checkpoint) => {
        const t0 = performance.now();
        if (loaded?.id === datasetId) {
          return { datasetId, customers: loaded.indexed.customers.id.length, orders: loaded.indexed.orders.length, ms: 0 };
        }
        loaded = undefined;
        onProgress?.({ phase: 'reading', done: 0, total: 2 });
        const chunks = await readChunks(db, datasetId);
        checkpoint();
        onProgress?.({ phase: 'indexing', done: 1, total: 2 });
        await yieldToEvents();
        checkpoint();
        const ds = prepareDataset(datasetId, decodeDataset(chunks));
        loaded = ds;
        onProgress?.({ phase: 'indexing', done: 2, total: 2 });
        return {
          datasetId, customers: ds.indexed.customers.id.length, orders: ds.indexed.orders.length, ms: performance.now() - t0,
        };
      });
    },

    async dashboard(datasetId, options) {
      const ds = current(datasetId);
      return {
        datasetId,
        kpis: computeKpis(ds.summary, { activeDays: options.activeDays }),
        monthly: monthlySeries(ds.indexed.orders, ds.summary),
      };
    },

    async customers(datasetId, query) {
      return queryCustomers(current(datasetId), query);
    },

    async customer(datasetId, customerId) {
      return customerDetail(current(datasetId), customerId);
    },

    async preview(file, overrides) {
      return previewFile(file, overrides);
    },

    importFiles(jobId, files, target, onProgress?: ProgressCallback) {
      return run(jobId, async (checkpoint) => {
        const result = await importFiles(db, files, target, checkpoint, onProgress);
        if (result.committed && loaded?.id === result.datasetId) loaded = undefined;
        return result;
      });
    },

    async rfm(datasetId, request) {
      return runRfm(current(datasetId), request);
    },

    value(jobId, datasetId, request, onProgress?: ProgressCallback) {
      return run(jobId, async () => {
        const ds = current(datasetId);
        onProgress?.({ phase: 'fitting', done: 0, total: 4 });
        await yieldToEvents();
        return runValue(ds, request, (done, total) => onProgress?.({ phase: 'fitting', done, total }));
      });
    },

    async cohorts(datasetId, maxMonths = 24) {
      const ds = current(datasetId);
      const table = cohortTable(ds.indexed.orders, ds.indexed.customers.id.length, { maxMonths });
      return {
        cohorts: table.cohorts, sizes: table.sizes, retention: retentionRates(table), revenueRetention: revenueRetention(table),
        repeatRate: repeatPurchaseRate(ds.summary.orders),
      };
    },

    async acquisition(datasetId, costTable, inactiveAfterDays = 180) {
      const ds = current(datasetId);
      const c = ds.indexed.customers;
      const perGroup = (groupOf: string[], table?: Record<string, number>) => {
        const cac = cacByChannel(groupOf, c.acquisitionCost, { costTable: table });
        const cacMap = Object.fromEntries(cac.map((x) => [x.channel, x.cac]));
        const withClv = ds.value
          ? clvToCac(ds.value.clv, groupOf, cacMap, { monthlyMargin: Float64Array.from(ds.value.clv, (v) => v / (ds.valueMonths ?? 12)) })
          : [];
        const byGroup = new Map(withClv.map((x) => [x.channel, x]));
        return cac.map((x) => ({
          channel: x.channel, customers: x.customers, cac: x.cac, source: x.source,
          meanClv: byGroup.get(x.channel)?.meanClv ?? null, ratio: byGroup.get(x.channel)?.ratio ?? null,
          paybackMonths: byGroup.get(x.channel)?.paybackMonths ?? null,
        }));
      };
      const s = ds.summary;
      let first = Infinity, last = -Infinity;
      for (let i = 0; i < s.firstDay.length; i++) {
        if (s.firstDay[i] === NO_DAY) continue;
        first = Math.min(first, s.firstDay[i]);
        last = Math.max(last, s.lastDay[i]);
      }
      const churn = Number.isFinite(first) && last - first > inactiveAfterDays + 30
        ? churnRateByPeriod(s.firstDay, s.lastDay, { periodDays: 30, startDay: first + inactiveAfterDays, endDay: last, inactiveAfterDays })
        : [];
      const labels = ds.segmentation?.labels;
      return {
        channels: perGroup(c.channel, costTable),
        segments: labels ? perGroup(labels).filter((g) => g.channel !== '') : [],
        churn,
      };
    },

    async segmentRates(datasetId) {
      const ds = current(datasetId);
      const labels = ds.segmentation?.labels;
      if (!labels) return [];
      const s = ds.summary;
      const groups = new Map<string, { buyers: number; orders: number; sales: number; years: number }>();
      let end = -Infinity;
      for (let c = 0; c < s.lastDay.length; c++) if (s.lastDay[c] !== NO_DAY && s.lastDay[c] > end) end = s.lastDay[c];
      for (let c = 0; c < labels.length; c++) {
        if (!labels[c] || s.orders[c] === 0) continue;
        const g = groups.get(labels[c]) ?? { buyers: 0, orders: 0, sales: 0, years: 0 };
        g.buyers++;
        g.orders += s.orders[c];
        g.sales += s.sales[c];
        // years each buyer has been a customer, at least a month, so new buyers do not explode the rate
        g.years += Math.max(30, end - s.firstDay[c] + 1) / 365.25;
        groups.set(labels[c], g);
      }
      return [...groups].map(([key, g]) => ({
        key, buyers: g.buyers, purchasesPerYear: g.orders / g.years, averageOrderValue: g.sales / g.orders,
      }));
    },

    async warnings(datasetId, rules) {
      const snaps = await listSnapshots(db, datasetId);
      const withValues = snaps.find((x) => x.scheme === 'rfm11' && x.clv);
      return runWarnings(current(datasetId), rules, withValues?.clv ?? {});
    },

    async tiers(datasetId, shares, basis) {
      return runTiers(current(datasetId), shares, basis);
    },

    async lifecycle(datasetId, options) {
      return runLifecycle(current(datasetId), options);
    },

    async rule(datasetId, group) {
      return runRule(current(datasetId), group);
    },

    async clusters(datasetId, request) {
      return runClusters(current(datasetId), request);
    },

    async persona(datasetId, segment) {
      return segmentPersona(current(datasetId), segment);
    },

    async snapshot(datasetId, meta) {
      return snapshotCurrent(db, current(datasetId), { ...meta, auto: false });
    },

    async snapshotAfterImport(datasetId, label) {
      return snapshotAfterImport(db, current(datasetId), label);
    },

    async compareSnapshots(fromId, toId) {
      return compareSnapshots(db, fromId, toId);
    },

    async migrationMembers(fromId, toId, fromKey, toKey) {
      return cellMembers(db, fromId, toId, fromKey, toKey);
    },

    async segmentCsv(datasetId, segment, header, options) {
      return segmentCsv(current(datasetId), segment, header, options?.mask ?? false);
    },

    backup(jobId, request, onProgress) {
      return run(jobId, (checkpoint) => createBackup(db, request, checkpoint, onProgress));
    },

    async inspectBackup(file, passphrase) {
      return inspectBackup(db, file, passphrase);
    },

    restoreBackup(jobId, file, options, onProgress) {
      return run(jobId, async (checkpoint) => {
        const result = await restoreBackup(db, file, options, checkpoint, onProgress);
        if (loaded && result.datasetIds.includes(loaded.id)) loaded = undefined;
        return result;
      });
    },

    unload(datasetId) {
      if (loaded?.id === datasetId) loaded = undefined;
    },

    async forgetCustomer(datasetId, customerId) {
      const removed = await forgetCustomer(db, datasetId, customerId);
      if (loaded?.id === datasetId) loaded = undefined;
      return removed;
    },

    async pseudonymStatus() {
      const rows = await db.settings.where('key').startsWith(PSEUDONYM_PREFIX).toArray();
      const mappings: { datasetId: string; customers: number }[] = [];
      for (const row of rows) {
        const datasetId = datasetOfPseudonymMap(row.key);
        if (datasetId !== null) mappings.push({ datasetId, customers: restorePseudonymMap(row.value).id.length });
      }
      return { key: rows.some((r) => r.key === PSEUDONYM_KEY_SETTING), mappings };
    },

    async pseudonymIdentity(datasetId, customerId) {
      const row = await db.settings.get(pseudonymMapSetting(datasetId));
      return row === undefined ? null : lookupPseudonym(restorePseudonymMap(row.value), customerId);
    },

    async discardPseudonymMapping(datasetId) {
      await db.settings.delete(pseudonymMapSetting(datasetId));
    },

    async shutdown() {
      loaded = undefined;
      db.close();
    },

    cancel(jobId) {
      jobs.cancel(jobId);
    },
  });
}
