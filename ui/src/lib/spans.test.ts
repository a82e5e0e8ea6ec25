import { describe, expect, it } from 'vitest';
import { defaultSplitPoint, firstWordAfter, moveEnd, movePoint, moveStart, splitPoints, words } from './spans';

const text = 'The council said repairs will cost $48.5 million, up 12% on 2023’s estimate.';
const span = (from: string, to: string) => ({ start: text.indexOf(from), end: text.indexOf(to) + to.length });
const slice = (s: { start: number; end: number }) => text.slice(s.start, s.end);

describe('words', () => {
  it('keeps figures, money, per cents and possessives whole', () => {
    const found = words(text).map(slice);
    expect(found).toContain('$48.5');
    expect(found).toContain('12%');
    expect(found).toContain('2023’s');
    expect(found).not.toContain(',');
  });

  it('finds words after emoji and in accented text', () => {
    const sample = 'Zoë 🙌 a dit: “réussi à 92 %”';
    expect(words(sample).map((w) => sample.slice(w.start, w.end))).toEqual(['Zoë', 'a', 'dit', 'réussi', 'à', '92']);
  });
});

describe('moving a span by words', () => {
  it('widens and narrows the end a word at a time', () => {
    const claim = span('repairs', 'cost');
    expect(slice(moveEnd(text, claim, 1))).toBe('repairs will cost $48.5');
    expect(slice(moveEnd(text, claim, -1))).toBe('repairs will');
  });

  it('widens and narrows the start a word at a time', () => {
    const claim = span('repairs', 'cost');
    expect(slice(moveStart(text, claim, -1))).toBe('said repairs will cost');
    expect(slice(moveStart(text, claim, 1))).toBe('will cost');
  });

  it('never leaves a span without a word, nor runs past the text', () => {
    const one = span('repairs', 'repairs');
    expect(moveEnd(text, one, -1)).toEqual(one);
    expect(moveStart(text, one, 1)).toEqual(one);
    const first = span('The', 'The');
    expect(moveStart(text, first, -1)).toEqual(first);
    const last = span('estimate', 'estimate');
    expect(moveEnd(text, last, 1)).toEqual(last);
  });
});

describe('split points', () => {
  it('offers the start of every word but the first, and prefers a clause break near the middle', () => {
    const claim = span('repairs', 'estimate');
    const points = splitPoints(text, claim);
    expect(points[0]).toBe(text.indexOf('will'));
    expect(points).not.toContain(claim.start);
    expect(text.slice(defaultSplitPoint(text, claim) ?? 0)).toMatch(/^up 12%/);
  });

  it('moves the point word by word and stops at the ends', () => {
    const points = [10, 20, 30];
    expect(movePoint(points, 20, 1)).toBe(30);
    expect(movePoint(points, 30, 1)).toBe(30);
    expect(movePoint(points, 20, -1)).toBe(10);
    expect(movePoint(points, 10, -1)).toBe(10);
  });

  it('never offers its first cut inside a name', () => {
    const claim = 'talks with Ukraine would be held in Danang, Vietnam, next month';
    const whole = { start: 0, end: claim.length };
    const at = defaultSplitPoint(claim, whole)!;
    expect(claim.slice(0, at)).not.toMatch(/Danang,\s*$/);
    expect(claim.slice(at)).toBe('next month');

    const adviser = 'Putin’s adviser Yuri Ushakov said the talks would start';
    const cut = defaultSplitPoint(adviser, { start: 0, end: adviser.length })!;
    expect(adviser.slice(0, cut)).not.toMatch(/Yuri\s*$/);

    const places = 'Exports to Bosnia and Herzegovina fell 12% and imports rose';
    const offered = defaultSplitPoint(places, { start: 0, end: places.length })!;
    expect(places.slice(offered)).toBe('and imports rose');
  });

  it('cuts at a semicolon or dash before a comma inside a name', () => {
    const claim = 'Fares rose in Danang, Vietnam; ridership fell by a third';
    expect(claim.slice(defaultSplitPoint(claim, { start: 0, end: claim.length })!)).toBe('ridership fell by a third');
  });

  it('has nothing to offer in a one-word claim', () => {
    expect(defaultSplitPoint(text, span('repairs', 'repairs'))).toBeNull();
  });
});

describe('firstWordAfter', () => {
  it('offers the next word after a claim as the start of a new one', () => {
    expect(slice(firstWordAfter(text, text.indexOf('million') + 7)!)).toBe('up');
    expect(firstWordAfter(text, text.length)).toBeNull();
  });
});
