import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: root, overrideConfigFile: 'tests/lint/eslint.config.js' });

async function importErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId?.endsWith('no-restricted-imports')).map((m) => m.message);
}

describe('layer import direction (lint)', () => {
  it('keeps the domain pure', async () => {
    expect(await importErrors('src/lib/domain/x.ts', "import Dexie from 'dexie';\nexport const d = Dexie;\n")).toHaveLength(1);
    expect(await importErrors('src/lib/domain/x.ts', "import * as aq from 'arquero';\nexport const a = aq;\n")).toHaveLength(1);
    expect(await importErrors('src/lib/domain/x.ts', "import { i18n } from '../i18n/i18n.svelte';\nexport const a = i18n;\n")).toHaveLength(1);
    expect(await importErrors('src/lib/domain/x.ts', "import { openDatabase } from '../db';\nexport const a = openDatabase;\n")).toHaveLength(1);
    expect(await importErrors('src/lib/domain/x.ts', "import { dayFromCivil } from './days';\nexport const a = dayFromCivil;\n")).toEqual([]);
  });

  it('keeps Arquero and the database out of components and views', async () => {
    expect(await importErrors('src/lib/components/X.ts', "import * as aq from 'arquero';\nexport const a = aq;\n")).toHaveLength(1);
    expect(await importErrors('src/views/x.ts', "import { openDatabase } from '../lib/db';\nexport const a = openDatabase;\n")).toHaveLength(1);
    expect(await importErrors('src/lib/components/X.ts', "import { Workspace } from '../state/workspace.svelte';\nexport const a = Workspace;\n")).toHaveLength(1);
  });

  it('keeps the engine free of UI code, and allows type-only imports across layers', async () => {
    expect(await importErrors('workers/x.ts', "import { i18n } from '../src/lib/i18n/i18n.svelte';\nexport const a = i18n;\n")).toHaveLength(1);
    expect(await importErrors('src/lib/components/X.ts', "import type { StorageInfo } from '../state/storage';\nexport type A = StorageInfo;\n")).toEqual([]);
  });

  it('keeps Dexie tables and transactions in src/lib/db', async () => {
    const syntaxErrors = async (filePath: string, code: string) => {
      const [result] = await eslint.lintText(code, { filePath });
      return result.messages.filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message);
    };
    const transaction = "export const f = (db: any) => db.transaction('rw', db.settings, async () => undefined);\n";
    expect(await syntaxErrors('workers/privacy/x.ts', transaction)).toHaveLength(2);
    expect(await syntaxErrors('src/lib/state/x.svelte.ts', 'export class S { #db: any; get = () => this.#db.datasets.get(1); }\n')).toHaveLength(1);
    expect(await syntaxErrors('workers/x.ts', 'export const g = (ctx: any) => ctx.db.settings.get(1);\n')).toHaveLength(1);
    expect(await syntaxErrors('src/lib/db/x.ts', transaction)).toEqual([]);
    expect(await importErrors('src/lib/state/x.svelte.ts', "import Dexie from 'dexie';\nexport const d = Dexie;\n")).toHaveLength(1);
    // views and components are layout: they reach the engine through state classes
    expect(await syntaxErrors('src/views/x.ts', 'export const h = (ws: any) => ws.engine.api.cohorts(1);\n')).toHaveLength(1);
    expect(await syntaxErrors('src/lib/components/x.ts', 'export const h = (engine: any) => engine.api.cohorts(1);\n')).toHaveLength(1);
    expect(await syntaxErrors('src/lib/state/x.ts', 'export const h = (engine: any) => engine.api.cohorts(1);\n')).toEqual([]);
  });

  it('reports nothing on the project itself', async () => {
    const results = await eslint.lintFiles(['src', 'workers']);
    const errors = results.flatMap((r) => r.messages.filter((m) => m.severity === 2).map((m) => `${r.filePath}:${m.line} ${m.message}`));
    expect(errors).toEqual([]);
  });
});
