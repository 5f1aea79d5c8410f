import { uuid } from '../api/uuid';
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { CheckInInput, DenialReason } from '../gql/graphql';
import type { CardCatalogue, DenyListEntry } from './offline';

export interface CachedArea {
  id: string;
  code: string;
  name: string;
  kind: string;
  venueCode: string;
  zone: string;
  closedLoop: boolean;
}

/** What a gate keeps to decide alone: refreshed whenever it is online. */
export interface OfflineData {
  /** The JWK Set that verifies card tokens. */
  keys: string | null;
  /** The venue catalogue's codes by position, that name a token's venues and zones. */
  catalogue?: CardCatalogue | null;
  keysAt: string | null;
  /** Suspended, revoked and reissued cards; null until it could be loaded once. */
  denyList: DenyListEntry[] | null;
  denyListAt: string | null;
}

/** A scan decided offline, waiting to be uploaded with its deviceDecision. */
export interface QueuedScan {
  id: string;
  input: CheckInInput;
  reasons: DenialReason[];
  label: string;
}

export interface GateStore {
  saveOfflineData(data: OfflineData): Promise<void>;
  loadOfflineData(): Promise<OfflineData | null>;
  saveAreas(areas: CachedArea[]): Promise<void>;
  loadAreas(): Promise<CachedArea[]>;
  enqueue(scan: QueuedScan): Promise<void>;
  pending(): Promise<QueuedScan[]>;
  remove(ids: readonly string[]): Promise<void>;
}

interface GateDb extends DBSchema {
  queue: { key: string; value: QueuedScan };
  cache: { key: string; value: unknown };
}

class IdbGateStore implements GateStore {
  constructor(private readonly db: IDBPDatabase<GateDb>) {}

  async saveOfflineData(data: OfflineData): Promise<void> {
    await this.db.put('cache', data, 'offline');
  }
  async loadOfflineData(): Promise<OfflineData | null> {
    return ((await this.db.get('cache', 'offline')) as OfflineData | undefined) ?? null;
  }
  async saveAreas(areas: CachedArea[]): Promise<void> {
    await this.db.put('cache', areas, 'areas');
  }
  async loadAreas(): Promise<CachedArea[]> {
    return ((await this.db.get('cache', 'areas')) as CachedArea[] | undefined) ?? [];
  }
  async enqueue(scan: QueuedScan): Promise<void> {
    await this.db.put('queue', scan);
  }
  async pending(): Promise<QueuedScan[]> {
    const all = await this.db.getAll('queue');
    return all.sort((a, b) => (a.input.scannedAt ?? '').localeCompare(b.input.scannedAt ?? ''));
  }
  async remove(ids: readonly string[]): Promise<void> {
    const tx = this.db.transaction('queue', 'readwrite');
    await Promise.all([...ids.map((id) => tx.store.delete(id)), tx.done]);
  }
}

/** Keeps everything in memory: for tests, and where IndexedDB is unavailable. */
export class MemoryGateStore implements GateStore {
  private offline: OfflineData | null = null;
  private areas: CachedArea[] = [];
  private readonly queue = new Map<string, QueuedScan>();

  saveOfflineData(data: OfflineData): Promise<void> {
    this.offline = data;
    return Promise.resolve();
  }
  loadOfflineData(): Promise<OfflineData | null> {
    return Promise.resolve(this.offline);
  }
  saveAreas(areas: CachedArea[]): Promise<void> {
    this.areas = areas;
    return Promise.resolve();
  }
  loadAreas(): Promise<CachedArea[]> {
    return Promise.resolve(this.areas);
  }
  enqueue(scan: QueuedScan): Promise<void> {
    this.queue.set(scan.id, scan);
    return Promise.resolve();
  }
  pending(): Promise<QueuedScan[]> {
    return Promise.resolve([...this.queue.values()]);
  }
  remove(ids: readonly string[]): Promise<void> {
    for (const id of ids) this.queue.delete(id);
    return Promise.resolve();
  }
}

/** The gate's IndexedDB store; falls back to memory when IndexedDB cannot open. */
export async function openGateStore(): Promise<GateStore> {
  if (typeof indexedDB === 'undefined') return new MemoryGateStore();
  try {
    const db = await openDB<GateDb>('staff-web-gate', 1, {
      upgrade(database) {
        database.createObjectStore('queue', { keyPath: 'id' });
        database.createObjectStore('cache');
      },
    });
    return new IdbGateStore(db);
  } catch {
    return new MemoryGateStore();
  }
}

const DEVICE_KEY = 'staff-web.deviceId';

/** A stable id for this browser, sent with each scan. */
export function deviceId(): string {
  let id = window.localStorage.getItem(DEVICE_KEY);
  if (!id) {
    id = `web-${uuid()}`;
    window.localStorage.setItem(DEVICE_KEY, id);
  }
  return id;
}
