import { describe, expect, it } from 'vitest';
import { dynamicPrefixes, scanCodes, stripComments, type SourceFile } from './source-scan';

const file = (text: string): SourceFile[] => [{ path: 'x.ts', text }];
const codes = (text: string) => [...scanCodes(file(text)).codes.keys()].sort();

describe('scanCodes', () => {
  it('finds codes in `code:` properties, ternaries and thrown objects', () => {
    expect(codes("throw { code: 'a.one', params: { n } };")).toEqual(['a.one']);
    expect(codes("out.push({ code: whole ? 'a.two' : 'a.three' });")).toEqual(['a.three', 'a.two']);
    expect(codes("type E = { code: 'a.four' | 'a.five'; line: number };")).toEqual(['a.five', 'a.four']);
  });

  it('finds codes passed to a function whose first parameter is `code`', () => {
    const text = "function fail(code: string) { return { code }; }\nfail('b.one');\nthis.#fail(x ? 'b.two' : 'b.three');\nclass T { #fail(code: E) {} }";
    expect(codes(text)).toEqual(['b.one', 'b.three', 'b.two']);
  });

  it('finds codes compared with or used as a fallback for a code', () => {
    expect(codes("if (p.code !== 'c.one') x = e.code ?? 'c.two';")).toEqual(['c.one', 'c.two']);
  });

  it('ignores comments, but not strings or regular expressions that look like them', () => {
    expect(codes("// code: 'd.one'\n/** { code: 'd.two' } */\nconst r = /['\"]/; const u = 'http://x'; throw { code: 'd.three' };")).toEqual(['d.three']);
  });

  it('reports codes built in template literals and expressions it cannot read', () => {
    const scan = scanCodes(file('throw { code: `rules.${kind}` }; push({ code: other.code });'));
    expect(scan.templates.map((s) => s.expression)).toEqual(['`rules.${kind}`']);
    expect(scan.opaque.map((s) => s.expression)).toEqual(['other.code']);
  });
});

describe('dynamicPrefixes', () => {
  it('names the prefix of each key built in a template literal', () => {
    expect([...dynamicPrefixes(file('t(`seg.${key}`); t(`trait.${f}.${l}`); t(`plain`);')).keys()]).toEqual(['seg.', 'trait.']);
  });
});

describe('stripComments', () => {
  it('keeps line breaks, so positions stay on their lines', () => {
    expect(stripComments('a /* x\ny */ b // z\nc').split('\n')).toHaveLength(3);
  });
});
