// Property tests over random command sequences against the OMS + simulated exchange.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ORDER_STATUSES, type OrderRequest } from '../../../../src/core/model';
import { WORKING_STATUSES, type RiskLimit } from '../../../../src/core/trading';
import { harness, quote } from './fixtures';

const SYMBOLS = ['AAPL', 'MSFT', 'SAP'];
const LIMITS: RiskLimit[] = [
  { id: 'q', kind: 'MAX_ORDER_QUANTITY', max: 400 },
  { id: 'pos', kind: 'MAX_POSITION', max: 300 },
  { id: 'gross', kind: 'MAX_GROSS_EXPOSURE', max: 150_000 },
  { id: 'net', kind: 'MAX_NET_EXPOSURE', max: 90_000 },
  { id: 'eur', kind: 'MAX_CURRENCY_EXPOSURE', max: 40_000 },
];

const command = fc.oneof(
  fc.record({
    kind: fc.constant('submit' as const),
    symbol: fc.constantFrom(...SYMBOLS),
    side: fc.constantFrom('BUY' as const, 'SELL' as const),
    type: fc.constantFrom('MARKET' as const, 'LIMIT' as const, 'STOP' as const, 'STOP_LIMIT' as const),
    tif: fc.constantFrom('DAY' as const, 'GTC' as const, 'IOC' as const, 'FOK' as const),
    quantity: fc.integer({ min: 1, max: 500 }),
    offsetTicks: fc.integer({ min: -30, max: 30 }),
  }),
  fc.record({ kind: fc.constant('quote' as const), symbol: fc.constantFrom(...SYMBOLS), move: fc.integer({ min: -50, max: 50 }), size: fc.integer({ min: 1, max: 300 }) }),
  fc.record({ kind: fc.constant('modify' as const), pick: fc.nat(), quantity: fc.integer({ min: 1, max: 500 }), offsetTicks: fc.integer({ min: -30, max: 30 }) }),
  fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('cancelAll' as const) }),
  fc.record({ kind: fc.constant('flatten' as const), symbol: fc.constantFrom(...SYMBOLS) }),
  fc.record({ kind: fc.constant('endSession' as const) }),
);

describe('OMS properties over random command sequences', () => {
  it('position = Σ fills, no overfill, accepted orders satisfied every limit, one status per order', () => {
    fc.assert(
      fc.property(fc.array(command, { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 1000 }), (commands, seed) => {
        const h = harness({
          limits: LIMITS,
          seed,
          fillModel: { latencyMs: 0, latencyJitterMs: 0, maxSlippageTicks: 2, slippageProbability: 0.3, partialFillProbability: 0.4, minPartialFraction: 0.2 },
        });
        const mids: Record<string, number> = { AAPL: 100, MSFT: 200, SAP: 100 };
        for (const s of SYMBOLS) h.tick(quote(s, mids[s]! - 0.01, mids[s]! + 0.01, 0, 200));
        const fills = new Map<string, number>();
        const fillsByOrder = new Map<string, number>();
        h.oms.subscribe((e) => {
          if (e.kind === 'ANOMALY') throw new Error(`anomaly ${e.anomaly} ${e.detail}`);
          if (e.kind !== 'FILL') return;
          const signed = e.fill.side === 'BUY' ? e.fill.quantity : -e.fill.quantity;
          fills.set(e.fill.symbol, (fills.get(e.fill.symbol) ?? 0) + signed);
          fillsByOrder.set(e.fill.clientOrderId, (fillsByOrder.get(e.fill.clientOrderId) ?? 0) + e.fill.quantity);
        });
        for (const c of commands) {
          const live = h.oms.workingOrders();
          switch (c.kind) {
            case 'submit': {
              const mid = mids[c.symbol]!;
              const px = Math.round((mid + c.offsetTicks * 0.01) * 100) / 100;
              const stopTif = c.type === 'STOP' || c.type === 'STOP_LIMIT' ? (c.tif === 'IOC' || c.tif === 'FOK' ? 'DAY' : c.tif) : c.tif;
              const req: OrderRequest = { symbol: c.symbol, side: c.side, type: c.type, timeInForce: stopTif, quantity: c.quantity, limitPrice: px, stopPrice: px };
              const book = h.risk.book;
              const r = book.symbol(c.symbol)!;
              const before = { gross: book.gross, netHigh: book.netHigh, netLow: book.netLow, long: r.long, short: r.short, cur: { ...r.currency } };
              const result = h.oms.submit(req);
              if (result.ok) {
                // independent recomputation of every limit at acceptance, from the aggregates before the order
                const uv = r.unitValue;
                const long = c.side === 'BUY' ? before.long + c.quantity : before.long;
                const short = c.side === 'SELL' ? before.short - c.quantity : before.short;
                expect(c.quantity).toBeLessThanOrEqual(400);
                const worstSide = Math.abs(c.side === 'BUY' ? long : short);
                expect(worstSide <= 300 || worstSide <= Math.abs(c.side === 'BUY' ? before.long : before.short)).toBe(true);
                const symGrossBefore = Math.max(Math.abs(before.long), Math.abs(before.short)) * uv;
                const grossAfter = before.gross - symGrossBefore + Math.max(Math.abs(long), Math.abs(short)) * uv;
                expect(grossAfter <= 150_000 + 1e-6 || grossAfter <= before.gross + 1e-6).toBe(true);
                const net = c.side === 'BUY' ? before.netHigh + c.quantity * uv : before.netLow - c.quantity * uv;
                const netBefore = c.side === 'BUY' ? before.netHigh : before.netLow;
                expect(Math.abs(net) <= 90_000 + 1e-6 || Math.abs(net) <= Math.abs(netBefore) + 1e-6).toBe(true);
              }
              break;
            }
            case 'quote': {
              mids[c.symbol] = Math.max(1, Math.round((mids[c.symbol]! + c.move * 0.01) * 100) / 100);
              h.tick(quote(c.symbol, mids[c.symbol]! - 0.01, mids[c.symbol]! + 0.01, 0, c.size));
              break;
            }
            case 'modify': {
              const o = live[c.pick % Math.max(1, live.length)];
              if (o) h.oms.modify(o.clientOrderId, { quantity: c.quantity, limitPrice: o.limitPrice === null ? undefined : Math.round((mids[o.symbol]! + c.offsetTicks * 0.01) * 100) / 100 });
              break;
            }
            case 'cancel': {
              const o = live[c.pick % Math.max(1, live.length)];
              if (o) h.oms.cancel(o.clientOrderId);
              break;
            }
            case 'cancelAll':
              h.oms.cancelAll();
              break;
            case 'flatten':
              h.oms.flatten(c.symbol);
              break;
            case 'endSession':
              h.oms.flush();
              h.venue.endSession();
              break;
          }
          h.oms.flush();
        }
        // position equals the sum of fills, in the keeper and in the risk book
        for (const s of SYMBOLS) {
          expect(h.positions.quantity('U1', s)).toBe(fills.get(s) ?? 0);
          expect(h.risk.book.symbol(s)!.position).toBe(fills.get(s) ?? 0);
        }
        const orders = h.oms.orders();
        for (const o of orders) {
          // no fill beyond the order quantity
          expect(o.filledQuantity).toBeLessThanOrEqual(o.quantity);
          expect(fillsByOrder.get(o.clientOrderId) ?? 0).toBe(o.filledQuantity);
          // exactly one status, and the live set agrees with it
          expect(ORDER_STATUSES).toContain(o.status);
          expect(h.oms.store.live.has(o as never)).toBe(WORKING_STATUSES.has(o.status) || o.status === 'PendingNew');
        }
        // risk's open quantities equal the working orders' remaining quantities
        for (const s of SYMBOLS) {
          const r = h.risk.book.symbol(s)!;
          const open = (side: string) => orders.filter((o) => o.symbol === s && o.side === side && h.oms.store.live.has(o as never)).reduce((a, o) => a + o.quantity - o.filledQuantity, 0);
          expect(r.openBuy).toBeCloseTo(open('BUY'), 6);
          expect(r.openSell).toBeCloseTo(open('SELL'), 6);
        }
      }),
      { numRuns: 150 },
    );
  });
});
