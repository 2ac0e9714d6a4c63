// Builds the backend's DataService from the data directory's settings (base URLs, SEC User-Agent) and an API key source.
import type { SystemLog } from '../systemLog';
import type { MarketStore } from '../storage/market/marketStore';
import { ApiKeyFile, type ApiKeySource } from './apiKeyFile';
import { DataService } from './dataService';
import { readDataSettings } from './dataSettings';

export function createDataService(store: MarketStore, dataDir: string, log: SystemLog, apiKeys?: ApiKeySource): DataService {
  const settings = readDataSettings(dataDir);
  if (!settings.ok) log.warn('data', `${settings.error.file}: ${settings.error.reason}; using the providers' default URLs`);
  const stored = settings.ok ? settings.value : { baseUrls: {} };
  const secUserAgent = process.env.NAUTILUS_SEC_USER_AGENT ?? stored.secUserAgent;
  return new DataService(store, { dataDir, baseUrls: stored.baseUrls, apiKeys: apiKeys ?? new ApiKeyFile(dataDir), ...(secUserAgent ? { secUserAgent } : {}) });
}
