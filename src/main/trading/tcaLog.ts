// Finished parents' TCA inputs (arrival mid, each fill with its release and fill mids), one JSON line each in the data
// directory, so `nautilus tca` can report after the workstation stops. Analytics, not the order record (the journal is).
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { ALGO_KINDS } from '../../core/execution/parentOrder';
import type { TcaParent } from '../../core/execution/tca';
import { err, ok, type Result } from '../../core/model/result';

export const TCA_LOG_FILE = 'tca.jsonl';

const num = z.number().finite();
const fillSchema = z.object({ venue: z.string().min(1), time: num, quantity: num.positive(), price: num.positive(), fee: num, releaseMid: num, fillMid: num }).strict();
const parentSchema = z
  .object({
    parentId: z.string().min(1),
    symbol: z.string().min(1),
    side: z.enum(['BUY', 'SELL']),
    algo: z.enum(ALGO_KINDS),
    createdAt: num,
    arrivalMid: num.positive(),
    quantity: num.positive(),
    multiplier: num.positive(),
    currency: z.string().min(1),
    fills: z.array(fillSchema),
    intervalVwap: num.nullable(),
  })
  .strict();

export type TcaLogError = { readonly code: 'BAD_TCA_RECORD'; readonly line: number; readonly path: string; readonly message: string };

export class TcaLog {
  constructor(private readonly file: string) {}

  append(parent: TcaParent): void {
    appendFileSync(this.file, `${JSON.stringify(parent)}\n`);
  }

  /** Every record, oldest first; a malformed line refuses the read, naming the line and field. */
  read(): Result<TcaParent[], TcaLogError> {
    if (!existsSync(this.file)) return ok([]);
    const records: TcaParent[] = [];
    const lines = readFileSync(this.file, 'utf8').split('\n');
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] as string;
      if (line.trim() === '') continue;
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch (e) {
        return err({ code: 'BAD_TCA_RECORD', line: i + 1, path: '', message: (e as Error).message });
      }
      const parsed = parentSchema.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return err({ code: 'BAD_TCA_RECORD', line: i + 1, path: issue ? issue.path.join('.') : '', message: issue?.message ?? 'invalid' });
      }
      records.push(parsed.data);
    }
    return ok(records);
  }
}
