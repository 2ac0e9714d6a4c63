// The synthetic venue's instrument universe: fictional equities across sectors, exchanges and currencies.
import { SeededRandom } from '../model/clock';
import type { CurrencyCode, Instrument } from '../model/instrument';

export const SECTORS = [
  'TECHNOLOGY',
  'FINANCIALS',
  'ENERGY',
  'HEALTH_CARE',
  'CONSUMER',
  'INDUSTRIALS',
  'UTILITIES',
] as const;
export type Sector = (typeof SECTORS)[number];

export interface ExchangeInfo {
  readonly code: string;
  readonly currency: CurrencyCode;
  /**
   * Fixed offset of exchange time from UTC. Daylight saving is deliberately ignored so that a
   * session maps to the same UTC minutes every day of the year (documented simplification).
   */
  readonly utcOffsetMinutes: number;
  readonly tickSize: number;
  readonly lotSize: number;
}

export const EXCHANGES: Readonly<Record<string, ExchangeInfo>> = {
  NASDAQ: { code: 'NASDAQ', currency: 'USD', utcOffsetMinutes: -300, tickSize: 0.01, lotSize: 1 },
  NYSE: { code: 'NYSE', currency: 'USD', utcOffsetMinutes: -300, tickSize: 0.01, lotSize: 1 },
  XETRA: { code: 'XETRA', currency: 'EUR', utcOffsetMinutes: 60, tickSize: 0.01, lotSize: 1 },
  EURONEXT: { code: 'EURONEXT', currency: 'EUR', utcOffsetMinutes: 60, tickSize: 0.01, lotSize: 1 },
  LSE: { code: 'LSE', currency: 'GBP', utcOffsetMinutes: 0, tickSize: 0.01, lotSize: 1 },
  TSE: { code: 'TSE', currency: 'JPY', utcOffsetMinutes: 540, tickSize: 1, lotSize: 100 },
};

/**
 * Every synthetic exchange runs the same regular session, 09:30–16:00 exchange time (390 minutes),
 * so a day's minute bars line up across exchanges. Real European and Tokyo hours differ.
 */
export const SESSION_OPEN_MINUTE = 9 * 60 + 30;
export const SESSION_MINUTES = 390;
export const TRADING_DAYS_PER_YEAR = 252;

/** An instrument plus the parameters the synthetic market drives it with. */
export interface SyntheticInstrument extends Instrument {
  readonly sector: Sector;
  readonly utcOffsetMinutes: number;
  /** Last close of the synthetic history (≈ today's price); the simulated path is rescaled to end here. */
  readonly referencePrice: number;
  /** Average shares traded per day. */
  readonly averageDailyVolume: number;
  /** Loading on the market factor. */
  readonly marketBeta: number;
  /** Loading on the instrument's sector factor. */
  readonly sectorBeta: number;
  /** Annualized idiosyncratic volatility. */
  readonly idiosyncraticVol: number;
  /** Annualized drift of the log price. */
  readonly drift: number;
  /** Quoted half-spread in calm markets, in basis points of price. */
  readonly baseHalfSpreadBps: number;
}

type Row = readonly [symbol: string, name: string, sector: Sector, exchange: string, price: number, advThousands: number];

// Fictional names: the prices are synthetic, so real tickers would only mislead.
const ROWS: readonly Row[] = [
  ['NVTX', 'Novatex Systems', 'TECHNOLOGY', 'NASDAQ', 182.4, 42_000],
  ['QBIT', 'Qubitline Corp', 'TECHNOLOGY', 'NASDAQ', 96.15, 18_500],
  ['CLDR', 'Cloudridge Software', 'TECHNOLOGY', 'NYSE', 241.8, 6_200],
  ['SMCN', 'Semicon Northwest', 'TECHNOLOGY', 'NASDAQ', 67.3, 25_000],
  ['DTSY', 'Datasync Holdings', 'TECHNOLOGY', 'NYSE', 38.9, 9_800],
  ['HALO', 'Halogen Networks', 'TECHNOLOGY', 'NASDAQ', 123.45, 7_400],
  ['SAPR', 'Saphira Software AG', 'TECHNOLOGY', 'XETRA', 131.2, 2_900],
  ['KYTO', 'Kyotronics KK', 'TECHNOLOGY', 'TSE', 4_850, 3_100],
  ['FRBK', 'First Ridge Bancorp', 'FINANCIALS', 'NYSE', 54.2, 14_000],
  ['MRCP', 'Meridian Capital Partners', 'FINANCIALS', 'NYSE', 312.6, 3_300],
  ['ATLN', 'Atlantic Insurance Group', 'FINANCIALS', 'NYSE', 88.75, 4_700],
  ['PAYW', 'Paywise Inc', 'FINANCIALS', 'NASDAQ', 71.05, 11_200],
  ['SLVR', 'Silverline Trust', 'FINANCIALS', 'NYSE', 27.4, 21_000],
  ['RHBK', 'Rheinbank AG', 'FINANCIALS', 'XETRA', 12.86, 18_000],
  ['LMBD', 'Lombard & Crane plc', 'FINANCIALS', 'LSE', 6.42, 36_000],
  ['SKRA', 'Sakura Financial KK', 'FINANCIALS', 'TSE', 1_245, 22_000],
  ['PTRX', 'Petrox Energy', 'ENERGY', 'NYSE', 104.3, 16_000],
  ['GLFS', 'Gulfstream Oil & Gas', 'ENERGY', 'NYSE', 61.8, 9_100],
  ['SOLR', 'Solaris Renewables', 'ENERGY', 'NASDAQ', 23.65, 13_500],
  ['DRLQ', 'Drillquest Services', 'ENERGY', 'NYSE', 33.1, 8_800],
  ['PPLN', 'Prairie Pipelines', 'ENERGY', 'NYSE', 41.25, 6_500],
  ['NRDE', 'Nordenergie SE', 'ENERGY', 'EURONEXT', 58.4, 5_600],
  ['BRSE', 'Brent Sea Resources plc', 'ENERGY', 'LSE', 4.91, 41_000],
  ['MDGN', 'Medigen Therapeutics', 'HEALTH_CARE', 'NASDAQ', 142.9, 5_200],
  ['CRVA', 'Curava Health', 'HEALTH_CARE', 'NYSE', 76.5, 7_900],
  ['BIOL', 'Biolume Sciences', 'HEALTH_CARE', 'NASDAQ', 18.35, 12_300],
  ['ORTH', 'Ortholine Devices', 'HEALTH_CARE', 'NYSE', 213.7, 2_400],
  ['GNMX', 'Genomix Labs', 'HEALTH_CARE', 'NASDAQ', 54.6, 6_800],
  ['PHRM', 'Pharmanova AG', 'HEALTH_CARE', 'XETRA', 87.2, 3_900],
  ['WLCR', 'Wellcare Group plc', 'HEALTH_CARE', 'LSE', 11.74, 9_500],
  ['RTLX', 'Retailix Stores', 'CONSUMER', 'NYSE', 146.2, 8_300],
  ['BRWC', 'Brewcraft Beverages', 'CONSUMER', 'NYSE', 63.9, 6_100],
  ['SHPR', 'Shopper Direct', 'CONSUMER', 'NASDAQ', 178.55, 15_800],
  ['AUTV', 'Autovance Motors', 'CONSUMER', 'NASDAQ', 212.3, 33_000],
  ['LXRY', 'Luxeria SA', 'CONSUMER', 'EURONEXT', 642.5, 1_400],
  ['FDMK', 'Foodmark Brands', 'CONSUMER', 'NYSE', 49.85, 7_200],
  ['HNKO', 'Hanako Home KK', 'CONSUMER', 'TSE', 2_630, 4_800],
  ['AERO', 'Aerodyne Industries', 'INDUSTRIALS', 'NYSE', 164.8, 4_600],
  ['RLWY', 'Railway Freight Corp', 'INDUSTRIALS', 'NYSE', 221.15, 3_000],
  ['MCHX', 'Machinex Corp', 'INDUSTRIALS', 'NYSE', 97.4, 5_300],
  ['BLDR', 'Buildright Materials', 'INDUSTRIALS', 'NYSE', 72.6, 6_900],
  ['LGST', 'Logistar Inc', 'INDUSTRIALS', 'NASDAQ', 45.3, 8_400],
  ['SMWK', 'Stahlwerk Mitte AG', 'INDUSTRIALS', 'XETRA', 36.7, 4_200],
  ['TKRB', 'Takara Robotics KK', 'INDUSTRIALS', 'TSE', 7_320, 1_900],
  ['PWRG', 'Powergrid Utilities', 'UTILITIES', 'NYSE', 68.9, 5_700],
  ['AQUA', 'Aquaflow Water', 'UTILITIES', 'NYSE', 128.3, 1_800],
  ['GSDX', 'Gasdistrix Corp', 'UTILITIES', 'NYSE', 39.45, 4_100],
  ['WNDF', 'Windfield Power', 'UTILITIES', 'NASDAQ', 21.9, 6_300],
  ['ENVE', 'Enervia SpA', 'UTILITIES', 'EURONEXT', 7.18, 24_000],
  ['BRTG', 'Britgrid plc', 'UTILITIES', 'LSE', 10.36, 11_000],
  ['TOKD', 'Tokaiden Power KK', 'UTILITIES', 'TSE', 1_580, 7_600],
  ['ORBT', 'Orbital Communications', 'TECHNOLOGY', 'NYSE', 29.8, 19_000],
  ['CRDX', 'Credex Financial', 'FINANCIALS', 'NASDAQ', 143.6, 3_800],
  ['VNTG', 'Vantage Midstream', 'ENERGY', 'NYSE', 17.42, 10_400],
  ['SRGX', 'Surgix Robotics', 'HEALTH_CARE', 'NASDAQ', 392.1, 1_600],
  ['HMGD', 'Homegoods Depot', 'CONSUMER', 'NYSE', 301.4, 4_300],
];

/** Typical per-sector behaviour: how strongly a name follows the market, and how noisy it is alone. */
const SECTOR_PROFILE: Readonly<Record<Sector, { beta: number; idioVol: number; drift: number; spreadBps: number }>> = {
  TECHNOLOGY: { beta: 1.25, idioVol: 0.26, drift: 0.09, spreadBps: 1.5 },
  FINANCIALS: { beta: 1.1, idioVol: 0.18, drift: 0.06, spreadBps: 2 },
  ENERGY: { beta: 1.0, idioVol: 0.24, drift: 0.04, spreadBps: 2.5 },
  HEALTH_CARE: { beta: 0.8, idioVol: 0.22, drift: 0.06, spreadBps: 2.5 },
  CONSUMER: { beta: 0.95, idioVol: 0.18, drift: 0.05, spreadBps: 2 },
  INDUSTRIALS: { beta: 1.05, idioVol: 0.17, drift: 0.05, spreadBps: 2 },
  UTILITIES: { beta: 0.55, idioVol: 0.12, drift: 0.03, spreadBps: 3 },
};

/** Derives a sub-seed so that independent streams (universe, history, feed) never share draws. */
export function deriveSeed(seed: number, stream: string): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (let i = 0; i < stream.length; i++) {
    h = Math.imul(h ^ stream.charCodeAt(i), 0x01000193) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  return h >>> 0;
}

/**
 * The universe for `seed`: fixed names, sectors, exchanges and start prices, with betas,
 * volatilities and drifts jittered per seed so different seeds give different markets.
 */
export function createUniverse(seed: number): SyntheticInstrument[] {
  const random = new SeededRandom(deriveSeed(seed, 'universe'));
  const jitter = (spread: number): number => 1 + spread * (2 * random.next() - 1);
  return ROWS.map(([symbol, name, sector, exchangeCode, price, advThousands]) => {
    const exchange = EXCHANGES[exchangeCode];
    if (!exchange) throw new Error(`universe row ${symbol}: unknown exchange ${exchangeCode}`);
    const profile = SECTOR_PROFILE[sector];
    return {
      symbol,
      name,
      assetClass: 'EQUITY',
      currency: exchange.currency,
      exchange: exchange.code,
      sector,
      tickSize: exchange.tickSize,
      lotSize: exchange.lotSize,
      multiplier: 1,
      utcOffsetMinutes: exchange.utcOffsetMinutes,
      referencePrice: price,
      averageDailyVolume: advThousands * 1000,
      marketBeta: profile.beta * jitter(0.2),
      sectorBeta: jitter(0.25),
      idiosyncraticVol: profile.idioVol * jitter(0.25),
      drift: profile.drift * jitter(0.5),
      baseHalfSpreadBps: profile.spreadBps * jitter(0.3),
    };
  });
}

export function sectorsOf(instruments: readonly SyntheticInstrument[]): Sector[] {
  return SECTORS.filter((sector) => instruments.some((instrument) => instrument.sector === sector));
}
