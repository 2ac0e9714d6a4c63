// Topic patterns match in place exactly as splitting the topic into segments does, for any pattern and topic.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileTopicPattern } from '../../../../src/main/bus/topicPattern';

/** The definition: `*` is one segment (possibly empty), `>` one or more to the end, anything else itself. */
function reference(pattern: string, topic: string): boolean {
  const parts = pattern.split('.');
  const segments = topic.split('.');
  for (let i = 0; i < parts.length; i++) {
    if (parts[i] === '>') return segments.length > i;
    if (i >= segments.length) return false;
    if (parts[i] !== '*' && parts[i] !== segments[i]) return false;
  }
  return segments.length === parts.length;
}

const segment = fc.constantFrom('', 'a', 'b', 'ab', 'market', 'quotes', 'AAPL', '*', '>', 'a*', '>b');
const dotted = fc.array(segment, { minLength: 1, maxLength: 5 }).map((s) => s.join('.'));

describe('topic patterns', () => {
  it('match as the segment-by-segment definition does, for any pattern and topic', () => {
    fc.assert(
      fc.property(dotted, dotted, (pattern, topic) => {
        expect(compileTopicPattern(pattern)(topic)).toBe(reference(pattern, topic));
      }),
      { numRuns: 20_000 },
    );
  });

  it('answers each topic afresh when one shared matcher sees many in turn', () => {
    const a = compileTopicPattern('market.quotes.*');
    expect(compileTopicPattern('market.quotes.*')).toBe(a);
    fc.assert(
      fc.property(fc.array(dotted, { minLength: 1, maxLength: 30 }), (topics) => {
        for (const topic of topics) expect(a(topic)).toBe(reference('market.quotes.*', topic));
      }),
    );
  });

  it.each([
    ['market.quotes.*', 'market.quotes.AAPL', true],
    ['market.quotes.*', 'market.quotes.', true],
    ['market.quotes.*', 'market.quotes', false],
    ['market.quotes.*', 'market.quotes.AAPL.x', false],
    ['market.quotes.*', 'market.quotesX.AAPL', false],
    ['market.>', 'market.', true],
    ['market.>', 'market', false],
    ['*.orders', 'trading.orders', true],
    ['*', '', true],
  ])('%s on %j: %s', (pattern, topic, expected) => {
    expect(compileTopicPattern(pattern)(topic)).toBe(expected);
  });
});
