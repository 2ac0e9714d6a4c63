// Every benchmark suite `nautilus bench <suite>` can run.
import type { BenchSuite } from '../harness';
import { backtestSuite } from './backtest';
import { executionSuite } from './execution';
import { factorsSuite } from './factors';
import { featuresSuite } from './features';
import { mlSuite } from './ml';
import { omsSuite } from './oms';
import { riskSuite } from './risk';
import { serveSuite } from './serve';
import { portfolioSuite } from './portfolio';
import { storeSuite } from './store';
import { strategySuite } from './strategy';
import { syncSuite } from './sync';
import { universeSuite } from './universe';
import { workspaceSuite } from './workspace';

export const SUITES: readonly BenchSuite[] = [omsSuite, featuresSuite, storeSuite, universeSuite, workspaceSuite, backtestSuite, riskSuite, portfolioSuite, mlSuite, factorsSuite, strategySuite, syncSuite, executionSuite, serveSuite];
