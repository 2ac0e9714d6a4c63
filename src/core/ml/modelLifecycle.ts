// A registered model's lifecycle as one (status, event) → status table: candidate → production, the production
// model superseded into retired by a promotion, a retired one restored by a rollback. Anything else is refused.

export type ModelStatus = 'candidate' | 'production' | 'retired';
export type ModelEvent = 'promote' | 'supersede' | 'restore';

const TABLE: Readonly<Record<ModelStatus, Partial<Record<ModelEvent, ModelStatus>>>> = {
  candidate: { promote: 'production' },
  production: { supersede: 'retired' },
  retired: { restore: 'production' },
};

export type LifecycleError = { readonly code: 'INVALID_MODEL_TRANSITION'; readonly status: ModelStatus; readonly event: ModelEvent; readonly message: string };

export function nextModelStatus(status: ModelStatus, event: ModelEvent): { ok: true; value: ModelStatus } | { ok: false; error: LifecycleError } {
  const next = TABLE[status][event];
  return next ? { ok: true, value: next } : { ok: false, error: { code: 'INVALID_MODEL_TRANSITION', status, event, message: `a ${status} model cannot ${event}` } };
}
