// Topic patterns for bus subscriptions: `a.b.c` exact, `*` one segment, `>` the rest (as in NATS).

export type TopicMatcher = (topic: string) => boolean;

/** Wildcard patterns compiled so far: subscribers to one pattern (a thousand sockets on `market.quotes.*`) share one
 *  matcher, whose last answer serves the rest of a publish. Bounded: when full it starts over. */
const shared = new Map<string, TopicMatcher>();
const MAX_SHARED_PATTERNS = 256;

export function compileTopicPattern(pattern: string): TopicMatcher {
  if (!pattern.includes('*') && !pattern.includes('>')) return (topic) => topic === pattern;
  const known = shared.get(pattern);
  if (known) return known;
  const matches = wildcardMatcher(pattern);
  let lastTopic: string | undefined;
  let lastAnswer = false;
  const matcher: TopicMatcher = (topic) => {
    if (topic !== lastTopic) {
      lastAnswer = matches(topic);
      lastTopic = topic;
    }
    return lastAnswer;
  };
  if (shared.size >= MAX_SHARED_PATTERNS) shared.clear(); // matchers handed out keep working; later ones share anew
  shared.set(pattern, matcher);
  return matcher;
}

function wildcardMatcher(pattern: string): TopicMatcher {
  const parts = pattern.split('.');
  // Walks the topic's segments in place: a quote is matched against every subscriber's pattern (a thousand sockets on
  // the team server), so splitting the topic into a new array each time was a twentieth of the host's CPU.
  return (topic) => {
    /** Where the topic's segment i starts, or -1 once it has no segment i. */
    let start = 0;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i] as string;
      if (part === '>') return start !== -1;
      if (start === -1) return false;
      const dot = topic.indexOf('.', start);
      const end = dot === -1 ? topic.length : dot;
      if (part !== '*' && (end - start !== part.length || !topic.startsWith(part, start))) return false;
      start = dot === -1 ? -1 : dot + 1;
    }
    return start === -1;
  };
}
