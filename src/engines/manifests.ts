// Every engine's manifest, one import per engine folder (a unit test fails when a folder with an entry is missing
// here). A plain list rather than a bundler glob, so the registry loads the same under Vite, tsx and plain Node.
import { manifest as backtest } from './backtest/manifest';
import { manifest as factors } from './factors/manifest';
import { manifest as features } from './features/manifest';
import { manifest as ml } from './ml/manifest';
import { manifest as portfolio } from './portfolio/manifest';
import { manifest as risk } from './risk/manifest';
import type { EngineManifest } from './runtime/engineManifest';

export const MANIFESTS: readonly EngineManifest[] = [backtest, factors, features, ml, portfolio, risk];
