// Topic patterns for bus subscriptions: `a.b.c` exact, `*` one segment, `>` the rest (as in NATS).

export type TopicMatcher = (topic: string) => boolean;

export function compileTopicPattern(pattern: string): TopicMatcher {
  if (!pattern.includes('*') && !pattern.includes('>')) return (topic) => topic === pattern;
  const parts = pattern.split('.');
  return (topic) => {
    const segments = topic.split('.');
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      if (part === '>') return segments.length > i;
      if (i >= segments.length) return false;
      if (part !== '*' && part !== segments[i]) return false;
    }
    return segments.length === parts.length;
  };
}
