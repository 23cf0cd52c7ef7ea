import type { RpcError } from '../shared/contract/index';

/** What the host passes to the worker at start. */
export interface EngineWorkerData {
  dataDir: string;
  version: string;
  nativeBinding?: string;
  /**
   * Secret-store master key (base64 of 32 bytes). Desktop: main decrypts it with Electron safeStorage
   * and passes it here; absent (headless), the engine uses the owner-only `<dataDir>/secret.key`.
   */
  secretKey?: string;
  heartbeatMs?: number;
  seedDemo?: boolean;
  /** Run the built-in exchange simulator (default true unless a binance URL is configured). */
  simulator?: boolean;
  simRate?: number;
  /** Venue → endpoint URL overrides. */
  feeds?: Record<string, string>;
  liveMonitor?: { fastHalfLifeS?: number; slowHalfLifeS?: number; corrHalfLifeS?: number; warmupS?: number };
}

/** Worker → host, besides reply frames `{id, ok, ...}` and push frames `{topic, data}`. */
export type WorkerLifecycle = { ready: { schemaVersion: number; dataDir: string } } | { fatal: RpcError };

/** Host → worker, besides request frames `{id, method, params}`. */
export interface ShutdownFrame {
  shutdown: true;
}
