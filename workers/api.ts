/**
 * The engine worker's typed API: the only thing that crosses between the UI and the worker.
 * Each area keeps its request/result types and its handlers in its own folder
 * (`workers/<area>/api.ts`); this file only composes them. Arguments and results are plain
 * structured-cloneable data. Long jobs take a job id, report progress through a callback, and
 * stop when `cancel(jobId)` is called. Failures are thrown as plain `{ code, params }` notices
 * that the UI words in the current language. Calls on segments name their grouping by the
 * handle its grouping call returned, never "the last one".
 */
import type { AlertsApi } from './alerts/api';
import type { BackupApi } from './backup/api';
import type { CoreApi } from './core/api';
import type { CustomersApi } from './customers/api';
import type { ImportApi } from './import/api';
import type { PrivacyApi } from './privacy/api';
import type { SegmentsApi } from './segments/api';
import type { ValueApi } from './value/api';
import type { VoiceApi } from './voice/api';
import type { StrategyApi } from './strategy/api';
import type { ActApi } from './act/api';

export type EngineApi = CoreApi & ImportApi & CustomersApi & SegmentsApi & ValueApi & VoiceApi & StrategyApi & ActApi & AlertsApi & BackupApi & PrivacyApi;

export type * from './core/api';
export type * from './import/api';
export type * from './customers/api';
export type * from './segments/api';
export type * from './value/api';
export type * from './voice/api';
export type * from './voice/entries';
export type * from './voice/servqual';
export type * from './voice/complaints';
export type * from './voice/recovery';
export type * from './strategy/api';
export type * from './strategy/portfolio';
export type * from './strategy/loyalty';
export type * from './act/api';
export type * from './act/care';
export type * from './act/actions';
export type * from './act/kpis';
export type * from './act/contact';
export type * from './act/sources';
export type * from './alerts/api';
export type * from './backup/api';
export type * from './privacy/api';
export type { Notice } from '../src/lib/domain';
export type { BackupManifest, RestoreResult } from '../src/lib/db';
