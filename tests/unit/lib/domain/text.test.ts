import { describe, expect, it } from 'vitest';
import { distinctName, foldText } from '../../../../src/lib/domain/text';

describe('foldText', () => {
  it('sets case aside', () => {
    expect(foldText('Shanghai')).toBe(foldText('SHANGHAI'));
    expect(foldText('Paid Ads')).toBe('paid ads');
  });

  it('makes full-width letters, digits, punctuation and spaces half-width', () => {
    expect(foldText('ｓｈａｎｇｈａｉ')).toBe(foldText('Shanghai'));
    expect(foldText('ＡＢＣ')).toBe('abc');
    expect(foldText('２０２４')).toBe('2024');
    expect(foldText('Ｎｏ．１２')).toBe('no.12');
    expect(foldText('上海　浦东')).toBe('上海 浦东'); // ideographic space
  });

  it('trims, collapses inner runs of spaces and drops zero-width characters', () => {
    expect(foldText('  上海市 ')).toBe('上海市');
    expect(foldText('\u3000上海\u3000')).toBe('上海');
    expect(foldText('Live   commerce\t')).toBe('live commerce');
    expect(foldText('\uFEFF上海\u200B市')).toBe('上海市');
  });

  it('leaves Chinese text as it is and gives blank text as empty', () => {
    expect(foldText('上海市')).toBe('上海市');
    expect(foldText('上海')).not.toBe(foldText('上海市')); // a part is not the whole: that is what 'contains' is for
    expect(foldText('   ')).toBe('');
    expect(foldText('\u3000')).toBe('');
    expect(foldText('')).toBe('');
  });
});

describe('distinctName', () => {
  it('keeps a free name and numbers a taken one, comparing names as people read them', () => {
    expect(distinctName('Shop', [])).toBe('Shop');
    expect(distinctName('Shop', ['Other'])).toBe('Shop');
    expect(distinctName('Shop', ['Shop'])).toBe('Shop 2');
    expect(distinctName('Shop', ['Shop', 'Shop 2', 'Shop 3'])).toBe('Shop 4');
    // full-width, case and spaces do not make a name different
    expect(distinctName('Shop (restored)', ['ｓｈｏｐ  (restored) '])).toBe('Shop (restored) 2');
  });
});
