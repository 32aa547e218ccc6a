/**
 * The message catalogs against each other and against the source: same keys and placeholders in
 * both languages, words for every notice code the code can emit, and no key nobody uses.
 * The source is read as text at test time (see source-scan.ts), so a new `code: 'x.y'` in the
 * domain, the store, the engine or the app state fails here until both catalogs word it.
 */
import { describe, expect, it } from 'vitest';
import { en, zh, type MessageKey } from '../../../../src/lib/i18n/messages';
import { ENCODING_REASONS, INTERACTION_KINDS, REJECT_REASONS } from '../../../../src/lib/i18n/keys';
import {
  FEATURE_KEYS, LIFECYCLE_DEFAULTS, LIFECYCLE_STAGES, OTHERS_SEGMENT, RFM11_RULES, RFM8_KEYS, RULE_FIELDS, RULE_OPS,
  SERVQUAL_DIMENSIONS, SERVQUAL_ITEMS,
} from '../../../../src/lib/domain';
import { FIELDS, IMPORT_KINDS, type DateOrder, type Delimiter } from '../../../../src/lib/domain/import';
import { INVALID_CUSTOMER_REASONS } from '../../../../src/lib/domain/clv';
import { dynamicPrefixes, namesKey, readSources, scanCodes, type CodeSite } from './source-scan';

const catalogs = { en, zh } as const;
const keys = Object.keys(en) as MessageKey[];
const placeholders = (text: string) => [...new Set(text.match(/\{\w+\}/g) ?? [])].sort();

/** Where notices come from: the domain, the store, the engine, and the app state. */
const EMITTERS = ['src/lib/domain', 'src/lib/db', 'workers', 'src/lib/state'];
const emitted = scanCodes(readSources(EMITTERS));

/**
 * Expressions in a code's place that name no code themselves. Each is either a type or passes
 * on a code that is written, and so scanned, where it is made. A new one fails the test until
 * it is resolved (write the codes as literals) or listed here with the reason.
 */
const OPAQUE_CODES: Record<string, string> = {
  string: 'a type annotation (Notice.code and the engine API types)',
  number: 'isControlCode(code: number) in the encoding detector: a character code, not a notice',
  BackupErrorCode: "a type: the literal union in domain/backup/frames.ts; backupError('…') calls are scanned",
  "TokenizerError['code']": "a type: the tokenizer's #fail('import.…') calls are scanned",
  'e.code': "workers/import/run.ts rethrows the tokenizer's error: its #fail('import.…') codes",
  'tokenError.code': "workers/import/preview.ts passes on the tokenizer's error: its #fail('import.…') codes",
  't.code': "workers/alerts passes on evaluateWarnings' codes: 'warning.…' literals in domain/retention/warnings.ts",
};

/**
 * Codes built in template literals (`code: `rules.${x}``), with every value they can take.
 * None today; a new one fails the test until its possible codes are listed here.
 */
const TEMPLATE_CODES: Record<string, readonly string[]> = {};

const DELIMITER_NAMES: Record<Delimiter, string> = { ',': 'comma', '\t': 'tab', ';': 'semicolon', '|': 'pipe', whitespace: 'whitespace' };
const DATE_ORDERS: Record<DateOrder, true> = { ymd: true, mdy: true, dmy: true };

/**
 * Key prefixes the UI completes at run time (`seg.${key}`), with every value they can take,
 * from the domain's constant lists where it has one.
 */
const DYNAMIC_KEYS: Record<string, readonly string[]> = {
  'seg.': [...RFM11_RULES.map((r) => r.key), ...RFM8_KEYS, OTHERS_SEGMENT],
  'stage.': LIFECYCLE_STAGES,
  'stage.option.': Object.keys(LIFECYCLE_DEFAULTS),
  'tier.': ['1', '2', '3'], // tierKey(); deeper tiers are 'tier.n'
  'rules.field.': Object.keys(RULE_FIELDS),
  'rules.op.': RULE_OPS,
  'clusters.feature.': FEATURE_KEYS,
  'trait.': FEATURE_KEYS.flatMap((f) => [`${f}.high`, `${f}.low`]),
  'interaction.': INTERACTION_KINDS,
  'reject.': Object.keys(REJECT_REASONS),
  'encodingReason.': Object.keys(ENCODING_REASONS),
  'kind.': IMPORT_KINDS,
  'dateOrder.': Object.keys(DATE_ORDERS),
  'delimiter.': Object.values(DELIMITER_NAMES),
  'field.': Object.values(FIELDS).flatMap((list) => list.map((f) => f.field)),
  'gender.': ['F', 'M'],
  // state/segments.svelte.ts: SegmentMode, PresetChoice; a snapshot's scheme is either
  'segments.mode.': ['rfm', 'tiers', 'lifecycle', 'rules', 'clusters', 'snapshots'],
  'segments.preset.': ['rfm11', 'rfm8', 'custom'],
  'snapshots.scheme.': ['rfm11', 'rfm8', 'custom', 'rfm', 'tiers', 'lifecycle', 'rules', 'clusters', 'snapshots'],
  // i18n.notice(): a model.invalidCustomer notice's reason picks its precise words
  'model.invalidCustomer.': INVALID_CUSTOMER_REASONS,
  // Segments.svelte: the R×F grid's colour option
  'segments.gridColor.': ['count', 'meanMonetary'],
  // voice/Questionnaire.svelte: the SERVQUAL statements and dimensions
  'servqual.item.': SERVQUAL_ITEMS.map((i) => String(i.item)),
  'servqual.dim.': SERVQUAL_DIMENSIONS,
  'servqual.dimHelp.': SERVQUAL_DIMENSIONS,
};

const list = (sites: CodeSite[]) => sites.map((s) => `${s.path}: ${s.expression}`);

describe('message catalogs', () => {
  it('have the same keys in both languages', () => {
    expect(Object.keys(zh).filter((k) => !(k in en)), 'keys only in zh').toEqual([]);
    expect(keys.filter((k) => !(k in zh)), 'keys only in en').toEqual([]);
  });

  it('have the same {placeholders} per key in both languages, and no empty text', () => {
    const differ = keys.filter((k) => placeholders(en[k]).join() !== placeholders(zh[k]).join());
    expect(differ.map((k) => `${k}: en ${placeholders(en[k]).join(' ')} / zh ${placeholders(zh[k]).join(' ')}`)).toEqual([]);
    const empty = keys.flatMap((k) => (['en', 'zh'] as const).filter((l) => !catalogs[l][k].trim()).map((l) => `${l} ${k}`));
    expect(empty, 'empty messages').toEqual([]);
  });

  it('speak the user’s words, not the storage’s (no "chunks", "batches", "IndexedDB transaction")', () => {
    const jargon = /\bchunks?\b|\bbatch(es)?\b|分块|transaction|事务/i;
    const offending = [...Object.entries(en), ...Object.entries(zh)].filter(([, text]) => jargon.test(text)).map(([key]) => key);
    expect(offending).toEqual([]);
  });

  it('word the generic fallback for unknown notice codes with the code', () => {
    expect(placeholders(en['error.unexpected'])).toEqual(['{message}']);
  });
});

describe('notice codes', () => {
  it('are found where the source builds them (each way the scan knows)', () => {
    const found = [...emitted.codes.keys()];
    expect(found).toEqual(expect.arrayContaining([
      'clv.retentionTooHigh', // code: '…'
      'import.onlyHeader', 'import.noLineBreak', // code: whole ? '…' : '…'
      'backup.wrongPassphrase', // backupError('…')
      'import.rowTooLong', 'import.fieldTooLong', // this.#fail(… ? '…' : '…')
      'model.failed', // e.code ?? '…'
      'error.newerVersion', 'tabs.erased', // src/lib/state
    ]));
  });

  it('are all written as literals, or passed on from where they are', () => {
    expect(list(emitted.opaque.filter((s) => !(s.expression in OPAQUE_CODES))), 'resolve these or list them in OPAQUE_CODES').toEqual([]);
    expect(list(emitted.templates.filter((s) => !(s.expression in TEMPLATE_CODES))), 'list their values in TEMPLATE_CODES').toEqual([]);
  });

  it('have words in both languages for every code the domain, db, workers and state can emit', () => {
    const codes = new Map(emitted.codes);
    for (const [template, values] of Object.entries(TEMPLATE_CODES)) for (const v of values) codes.set(v, { path: 'TEMPLATE_CODES', expression: template });
    const missing = (l: 'en' | 'zh') => [...codes].filter(([c]) => !(c in catalogs[l])).map(([c, s]) => `${c} (${s.path})`).sort();
    expect(missing('en'), 'codes without English words').toEqual([]);
    expect(missing('zh'), 'codes without Chinese words').toEqual([]);
  });
});

describe('message keys', () => {
  const sources = readSources(['src'], (path) => path.startsWith('src/lib/i18n/locales'));
  const prefixes = dynamicPrefixes(sources);

  it('built at run time have their values listed', () => {
    const unknown = [...prefixes].filter(([p]) => !(p in DYNAMIC_KEYS)).map(([p, path]) => `${p}\${…} (${path})`);
    expect(unknown, 'list the possible values of these prefixes in DYNAMIC_KEYS').toEqual([]);
    const gaps = Object.entries(DYNAMIC_KEYS).flatMap(([p, values]) => values.map((v) => p + v)).filter((k) => !(k in en));
    expect(gaps, 'dynamic keys the catalog lacks').toEqual([]);
  });

  it('are all used somewhere in src/ (as a string, a notice code or a dynamic key)', () => {
    const dynamic = new Set([...prefixes.keys()].flatMap((p) => (DYNAMIC_KEYS[p] ?? []).map((v) => p + v)));
    const unused = keys.filter((k) => !emitted.codes.has(k) && !dynamic.has(k) && !sources.some((f) => namesKey(f.text, k)));
    expect(unused, 'keys nobody uses: delete them').toEqual([]);
  });
});
