// `nautilus worker` as its own process for tests (run with `node --import tsx`): the CLI command itself, on stdio.
import { runWorker } from '../../../src/cli/commands/worker';

const code = await runWorker(process.argv.slice(2), { out: (t) => void process.stdout.write(t), err: (t) => void process.stderr.write(t) });
process.exit(code);
