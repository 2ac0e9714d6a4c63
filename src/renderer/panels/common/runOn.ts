// Where a long research run goes (see RunOnSelect): the choice, and the request field it becomes.

export type RunOn = 'local' | 'queue';

/** The request field for a choice: nothing for local (the backend's default), `on: 'queue'` for the queue. */
export const runOnField = (on: RunOn): { on?: 'queue' } => (on === 'queue' ? { on: 'queue' } : {});
