/**
 * Reads the project's source text to find the notice codes it can emit and the message keys it
 * names, for the catalog test. Plain text scanning (no compiler): comments are removed first,
 * string literals are kept.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export const ROOT = new URL('../../../../', import.meta.url).pathname;

/** A notice code: dotted words such as 'clv.retentionTooHigh' or 'rules.between.order'. */
export const CODE_SHAPE = /^[a-z][a-zA-Z0-9]*(\.[a-zA-Z0-9_-]+)+$/;

export interface SourceFile {
  /** Path from the project root, with '/'. */
  path: string;
  text: string;
}

/** Every .ts, .js and .svelte file under the given folders (paths from the project root). */
export function readSources(folders: string[], skip: (path: string) => boolean = () => false): SourceFile[] {
  const out: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      const path = relative(ROOT, full).split('\\').join('/');
      if (skip(path)) continue;
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(ts|js|svelte)$/.test(name) && !name.endsWith('.d.ts')) out.push({ path, text: readFileSync(full, 'utf8') });
    }
  };
  for (const folder of folders) walk(join(ROOT, folder));
  return out;
}

/**
 * The source with comments blanked out (strings, template literals and regular expressions kept),
 * so that a code named in a doc comment does not count and '//' inside a string is not a comment.
 */
export function stripComments(src: string): string {
  let out = '';
  let i = 0;
  let last = ''; // last significant character outside strings and comments
  const templateDepth: number[] = []; // brace depth at each open `${`
  let braces = 0;
  while (i < src.length) {
    const c = src[i];
    const next = src[i + 1];
    if (c === '/' && next === '/') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && next === '*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end < 0 ? src.length : end + 2;
      out += src.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
      continue;
    }
    if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < src.length && src[j] !== c && src[j] !== '\n') j += src[j] === '\\' ? 2 : 1;
      out += src.slice(i, j + 1);
      i = j + 1;
      last = c;
      continue;
    }
    if (c === '`' || (c === '}' && templateDepth.length && templateDepth[templateDepth.length - 1] === braces)) {
      // a template literal, or its continuation after a `${…}`
      if (c === '}') templateDepth.pop();
      let j = i + 1;
      while (j < src.length && src[j] !== '`' && !(src[j] === '$' && src[j + 1] === '{')) j += src[j] === '\\' ? 2 : 1;
      if (src[j] === '$') {
        templateDepth.push(braces);
        out += src.slice(i, j + 2);
        i = j + 2;
      } else {
        out += src.slice(i, j + 1);
        i = j + 1;
      }
      last = '`';
      continue;
    }
    if (c === '/' && (last === '' || '(,=:[!&|?{};+-*%<>~^'.includes(last))) {
      // a regular expression literal
      let j = i + 1;
      let inClass = false;
      while (j < src.length && src[j] !== '\n' && (src[j] !== '/' || inClass)) {
        if (src[j] === '\\') j++;
        else if (src[j] === '[') inClass = true;
        else if (src[j] === ']') inClass = false;
        j++;
      }
      out += src.slice(i, j + 1);
      i = j + 1;
      last = '/';
      continue;
    }
    if (c === '{') braces++;
    if (c === '}') braces--;
    if (!/\s/.test(c)) last = c;
    out += c;
    i++;
  }
  return out;
}

/** The expression that starts at `from`: up to the first `,` `;` or unmatched closing bracket. */
export function expressionAt(src: string, from: number): string {
  let depth = 0;
  let i = from;
  while (i < src.length) {
    const c = src[i];
    if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < src.length && src[j] !== c) j += src[j] === '\\' ? 2 : 1;
      i = j + 1;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) break;
      depth--;
    } else if ((c === ',' || c === ';') && depth === 0) break;
    else if (c === '=' && src[i + 1] === '>' && depth === 0) break; // `(code: T) => …`: the type ends
    i++;
  }
  return src.slice(from, i).trim();
}

/** String literals of an expression: whole ones, and template literals with `${…}` apart. */
export function literalsOf(expression: string): { strings: string[]; templates: string[] } {
  const strings: string[] = [];
  const templates: string[] = [];
  for (const m of expression.matchAll(/'((?:\\.|[^'\\])*)'|"((?:\\.|[^"\\])*)"|`((?:\\.|[^`\\])*)`/g)) {
    const text = m[1] ?? m[2] ?? m[3];
    if (m[3] !== undefined && text.includes('${')) templates.push(`\`${text}\``);
    else strings.push(text);
  }
  return { strings, templates };
}

/** Where a code is written: file, and the expression it came from. */
export interface CodeSite {
  path: string;
  expression: string;
}

export interface CodeScan {
  /** Code-shaped string literals written where a notice code goes, with their first site. */
  codes: Map<string, CodeSite>;
  /** Template literals with `${…}` written where a code goes (not resolvable from the text). */
  templates: CodeSite[];
  /** Expressions without any literal written where a code goes (a code passed on, or a type). */
  opaque: CodeSite[];
}

/**
 * Notice codes a set of files can emit, found where a code is written:
 * - a `code:` property or annotation, including `throw { code: … }` and ternaries
 *   (`code: whole ? 'import.onlyHeader' : 'import.noLineBreak'`) and literal-union types;
 * - the first argument of any function whose first parameter is named `code`
 *   (`backupError('backup.damaged')`, `this.#fail('import.rowTooLong')`);
 * - a comparison with or a fallback for a code (`p.code !== 'x'`, `e.code ?? 'model.failed'`).
 */
export function scanCodes(files: SourceFile[]): CodeScan {
  const codes = new Map<string, CodeSite>();
  const templates: CodeSite[] = [];
  const opaque: CodeSite[] = [];
  const stripped = files.map((f) => ({ path: f.path, text: stripComments(f.text) }));

  // functions, methods and arrows whose first parameter is `code`
  const helpers = new Set<string>();
  for (const f of stripped) {
    for (const m of f.text.matchAll(/([#\w$]+)\s*(?:=\s*(?:async\s*)?)?\(\s*code\s*[?:,)]/g)) helpers.add(m[1]);
  }

  const take = (path: string, expression: string, literalOnly = false) => {
    const { strings, templates: dynamic } = literalsOf(expression);
    const shaped = strings.filter((s) => CODE_SHAPE.test(s));
    for (const code of shaped) if (!codes.has(code)) codes.set(code, { path, expression });
    for (const t of dynamic) templates.push({ path, expression: t });
    if (!literalOnly && shaped.length === 0 && dynamic.length === 0) opaque.push({ path, expression });
  };

  for (const f of stripped) {
    for (const m of f.text.matchAll(/(?<![\w$.#])code\??\s*:(?!:)/g)) take(f.path, expressionAt(f.text, m.index + m[0].length));
    for (const m of f.text.matchAll(/\bcode\s*(?:===|!==|==|!=|\?\?|\|\|)/g)) take(f.path, expressionAt(f.text, m.index + m[0].length), true);
    for (const name of helpers) {
      const call = new RegExp(`(?<![\\w$])${name.replace(/[$#]/g, '\\$&')}\\s*\\(`, 'g');
      for (const m of f.text.matchAll(call)) take(f.path, expressionAt(f.text, m.index + m[0].length), true);
    }
  }
  return { codes, templates, opaque };
}

/** Prefixes of message keys built in template literals: `seg.${key}` gives 'seg.'. */
export function dynamicPrefixes(files: SourceFile[]): Map<string, string> {
  const found = new Map<string, string>();
  for (const f of files) {
    for (const m of stripComments(f.text).matchAll(/`([a-z][a-zA-Z0-9]*(?:\.[a-zA-Z0-9_-]+)*\.)\$\{/g)) {
      if (!found.has(m[1])) found.set(m[1], f.path);
    }
  }
  return found;
}

/** Whether a source names a key as a whole string literal ('key', "key" or `key`). */
export function namesKey(text: string, key: string): boolean {
  return text.includes(`'${key}'`) || text.includes(`"${key}"`) || text.includes(`\`${key}\``);
}
