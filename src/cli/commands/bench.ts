// `nautilus bench <suite>`: runs a benchmark suite and prints its figures (a table, or DESIGN.md's JSON array).
import { parseCommandArgs } from '../args';
import type { BenchSuite } from '../../../bench/harness';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliCommand } from '../command';

const usage = `nautilus bench <suite> [--json] [--quick]

Runs a benchmark suite; --json prints [{ suite, name, value, unit, p50?, p99?, peer?, peerValue?, ratio? }].
--quick shrinks the workload for a smoke run (its figures are not for bench/RESULTS.md).
Suites: oms, features, store, ml, serve, … (and \`all\`).
Some suites take flags of their own: serve [--clients N] [--seconds S] [--rate QUOTES_PER_S].`;

const format = (n: number | undefined) => (n === undefined ? '' : Math.abs(n) >= 1000 ? Math.round(n).toLocaleString('en-US') : Number(n.toPrecision(4)).toString());

export const benchCommand: CliCommand = {
  name: 'bench',
  summary: 'run a benchmark suite (oms, features, store, universe, workspace, backtest, ml, serve, …)',
  usage,
  async run(argv, io) {
    // Loaded on demand: the suites pull in peers (TA-Lib, technicalindicators) that nothing else needs.
    const { SUITES } = await import('../../../bench/suites/index');
    const suiteFlags = new Set(SUITES.flatMap((s) => Object.keys(s.flags ?? {})));
    const flagOptions = Object.fromEntries([...suiteFlags].map((f) => [f, { type: 'string' as const }]));
    const parsed = parseCommandArgs(argv, { json: { type: 'boolean' }, quick: { type: 'boolean' }, ...flagOptions }, true);
    if (!parsed.ok) return io.err(`nautilus bench: ${parsed.error}\n\n${usage}\n`), EXIT_USAGE;
    const [name, ...extra] = parsed.value.positionals;
    const chosen = name === 'all' ? SUITES : SUITES.filter((s) => s.name === name);
    if (!name || extra.length > 0 || chosen.length === 0) {
      io.err(`nautilus bench: name one suite: ${SUITES.map((s) => s.name).join(', ')} or all\n`);
      return EXIT_USAGE;
    }
    const given = Object.entries(parsed.value.values).filter((e): e is [string, string] => suiteFlags.has(e[0]) && typeof e[1] === 'string');
    const takes = (suite: BenchSuite, flag: string) => suite.flags !== undefined && Object.hasOwn(suite.flags, flag);
    for (const [flag] of given) {
      if (chosen.some((s) => takes(s, flag))) continue;
      const takers = SUITES.filter((s) => takes(s, flag)).map((s) => s.name);
      io.err(`nautilus bench: ${name} takes no --${flag} (a flag of ${takers.join(', ')})\n`);
      return EXIT_USAGE;
    }
    const flagsOf = (suite: BenchSuite) => Object.fromEntries(given.filter(([flag]) => takes(suite, flag)));
    for (const suite of chosen) {
      const problem = suite.checkFlags?.(flagsOf(suite));
      if (problem) return io.err(`nautilus bench ${suite.name}: ${problem}\n`), EXIT_USAGE;
    }
    const figures = [];
    try {
      for (const suite of chosen) {
        io.err(`running ${suite.name}: ${suite.summary}\n`);
        figures.push(...(await suite.run({ quick: parsed.value.values.quick === true, progress: (m) => io.err(`  ${m}\n`), flags: flagsOf(suite) })));
      }
    } catch (error) {
      io.err(`nautilus bench: ${(error as Error).stack ?? String(error)}\n`);
      return EXIT_FAILURE;
    }
    if (parsed.value.values.json) {
      io.out(`${JSON.stringify(figures, null, 1)}\n`);
      return EXIT_OK;
    }
    for (const f of figures) {
      const percentiles = f.p50 !== undefined ? `  p50 ${format(f.p50)} p99 ${format(f.p99)}` : '';
      const peer = f.peer ? `  vs ${f.peer} ${format(f.peerValue)} (ratio ${format(f.ratio)})` : '';
      io.out(`${f.suite}  ${f.name}: ${format(f.value)} ${f.unit}${percentiles}${peer}\n`);
    }
    return EXIT_OK;
  },
};
