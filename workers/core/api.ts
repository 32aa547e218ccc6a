/**
 * The engine's core: start-up, the demo company, loading a dataset into memory and its
 * dashboard, jobs (progress and cancel) and shutdown.
 */
import { computeKpis, emptyTableCounts, monthlySeries, type DashboardKpis, type DatasetContent, type MonthPoint } from '../../src/lib/domain';
import { DEMO_SEED, generateDemo } from '../../src/lib/domain/demo';
import { decodeDataset, getDataset, listInteractionEdits, newId, readChunks, sweepPendingBatches, type DatasetRow } from '../../src/lib/db';
import type { EngineContext } from './context';
import { yieldToEvents } from './jobs';
import { prepareDataset } from './loaded';
import { activeBatchIds } from './locks';
import { storeDataset } from './store';
import type { VoiceFigures } from '../voice/api';
import { answersOf, figures } from '../voice/scores';

export type JobPhase = 'generating' | 'storing' | 'reading' | 'indexing' | 'importing' | 'fitting' | 'backingUp' | 'restoring';

export interface JobProgress {
  phase: JobPhase;
  done: number;
  total: number;
}

export type ProgressCallback = (progress: JobProgress) => void;

export interface DemoOptions {
  locale: 'zh' | 'en';
  seed?: number;
  /** Replace the data of this dataset (reset) instead of creating a new one. */
  replaceDatasetId?: string;
}

export interface LoadSummary {
  datasetId: string;
  customers: number;
  orders: number;
  /** Milliseconds spent reading and indexing. */
  ms: number;
}

export interface DashboardData {
  datasetId: string;
  kpis: DashboardKpis;
  monthly: MonthPoint[];
  /** NPS and CSAT of every survey answer, as the Voice page's overall figures; null without answers. */
  voice: VoiceFigures | null;
}

export interface StartInfo {
  /** Pending batches of interrupted writes removed at start-up. */
  swept: number;
}

export interface CoreApi {
  start(): Promise<StartInfo>;
  createDemo(jobId: string, options: DemoOptions, onProgress?: ProgressCallback): Promise<string>;
  load(jobId: string, datasetId: string, onProgress?: ProgressCallback): Promise<LoadSummary>;
  dashboard(datasetId: string, options: { activeDays: number }): Promise<DashboardData>;
  unload(datasetId: string): void;
  /** Close the database connection (before the page deletes it). */
  shutdown(): Promise<void>;
  cancel(jobId: string): void;
}

export function coreApi(ctx: EngineContext): CoreApi {
  const { db } = ctx;
  return {
    async start() {
      const active = await activeBatchIds();
      const swept = await sweepPendingBatches(db, (id) => active.has(id));
      return { swept };
    },

    createDemo(jobId, options, onProgress) {
      return ctx.run(jobId, async (checkpoint) => {
        onProgress?.({ phase: 'generating', done: 0, total: 1 });
        await yieldToEvents();
        const seed = options.seed ?? DEMO_SEED;
        const demo = generateDemo({ seed, locale: options.locale });
        checkpoint();
        const previous = options.replaceDatasetId ? await getDataset(db, options.replaceDatasetId) : undefined;
        const now = Date.now();
        const dataset: DatasetRow = {
          id: previous?.id ?? newId('ds'),
          name: previous?.name ?? demo.name,
          currency: demo.currency,
          origin: 'demo',
          demo: { seed, locale: options.locale },
          createdAt: previous?.createdAt ?? now,
          updatedAt: now,
          counts: emptyTableCounts(),
        };
        const content: DatasetContent = {
          customers: demo.customers, orders: demo.orders, surveys: demo.surveys, interactions: demo.interactions,
          servqual: demo.servqual, importance: demo.importance,
        };
        await storeDataset(db, { dataset, content, source: 'demo', replace: previous !== undefined }, checkpoint, onProgress);
        ctx.invalidate(dataset.id);
        return dataset.id;
      });
    },

    load(jobId, datasetId, onProgress) {
      return ctx.run(jobId, async (checkpoint) => {
        const t0 = performance.now();
        const held = ctx.loaded();
        if (held?.id === datasetId) {
          return { datasetId, customers: held.indexed.customers.id.length, orders: held.indexed.orders.length, ms: 0 };
        }
        ctx.setLoaded(undefined);
        onProgress?.({ phase: 'reading', done: 0, total: 2 });
        const chunks = await readChunks(db, datasetId);
        checkpoint();
        onProgress?.({ phase: 'indexing', done: 1, total: 2 });
        await yieldToEvents();
        checkpoint();
        const ds = prepareDataset(datasetId, decodeDataset(chunks), await listInteractionEdits(db, datasetId));
        ctx.setLoaded(ds);
        onProgress?.({ phase: 'indexing', done: 2, total: 2 });
        return {
          datasetId, customers: ds.indexed.customers.id.length, orders: ds.indexed.orders.length, ms: performance.now() - t0,
        };
      });
    },

    async dashboard(datasetId, options) {
      const ds = ctx.current(datasetId);
      const answers = answersOf(ds, undefined);
      return {
        datasetId,
        kpis: computeKpis(ds.summary, { activeDays: options.activeDays }),
        monthly: monthlySeries(ds.indexed.orders, ds.summary),
        voice: answers.rows.length > 0 ? figures(ds, answers.rows) : null,
      };
    },

    unload(datasetId) {
      ctx.invalidate(datasetId);
    },

    async shutdown() {
      ctx.setLoaded(undefined);
      db.close();
    },

    cancel(jobId) {
      ctx.jobs.cancel(jobId);
    },
  };
}
