import { uuid } from '../api/uuid';
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type {
  CheckInInput,
  DenialReason,
  SubmitCheckInsMutation as SubmitResult,
} from '../gql/graphql';
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
  /** Cards denied everywhere (with reasons) and tests falling due; null until it could be loaded once. */
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

/** What the server answered for an offline scan it decided otherwise: kept until reviewed here. */
export type StoredConflict = SubmitResult['submitCheckIns'][number];

export interface GateStore {
  saveOfflineData(data: OfflineData): Promise<void>;
  loadOfflineData(): Promise<OfflineData | null>;
  saveAreas(areas: CachedArea[]): Promise<void>;
  loadAreas(): Promise<CachedArea[]>;
  enqueue(scan: QueuedScan): Promise<void>;
  pending(): Promise<QueuedScan[]>;
  remove(ids: readonly string[]): Promise<void>;
  /** Conflicts the server reported, kept across reloads until dismissed. */
  saveConflicts(conflicts: readonly StoredConflict[]): Promise<void>;
  conflicts(): Promise<StoredConflict[]>;
  dismissConflicts(ids: readonly string[]): Promise<void>;
}

interface GateDb extends DBSchema {
  queue: { key: string; value: QueuedScan };
  cache: { key: string; value: unknown };
  conflicts: { key: string; value: StoredConflict };
}

const newestFirst = (list: StoredConflict[]) =>
  list.sort((a, b) => b.scannedAt.localeCompare(a.scannedAt) || b.id.localeCompare(a.id));

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
  async saveConflicts(conflicts: readonly StoredConflict[]): Promise<void> {
    const tx = this.db.transaction('conflicts', 'readwrite');
    await Promise.all([...conflicts.map((c) => tx.store.put(c)), tx.done]);
  }
  async conflicts(): Promise<StoredConflict[]> {
    return newestFirst(await this.db.getAll('conflicts'));
  }
  async dismissConflicts(ids: readonly string[]): Promise<void> {
    const tx = this.db.transaction('conflicts', 'readwrite');
    await Promise.all([...ids.map((id) => tx.store.delete(id)), tx.done]);
  }
}

/** Keeps everything in memory: for tests, and where IndexedDB is unavailable. */
export class MemoryGateStore implements GateStore {
  private offline: OfflineData | null = null;
  private areas: CachedArea[] = [];
  private readonly queue = new Map<string, QueuedScan>();
  private readonly conflictList = new Map<string, StoredConflict>();

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
  saveConflicts(conflicts: readonly StoredConflict[]): Promise<void> {
    for (const c of conflicts) this.conflictList.set(c.id, c);
    return Promise.resolve();
  }
  conflicts(): Promise<StoredConflict[]> {
    return Promise.resolve(newestFirst([...this.conflictList.values()]));
  }
  dismissConflicts(ids: readonly string[]): Promise<void> {
    for (const id of ids) this.conflictList.delete(id);
    return Promise.resolve();
  }
}

/** The gate's IndexedDB store; falls back to memory when IndexedDB cannot open. */
export async function openGateStore(): Promise<GateStore> {
  if (typeof indexedDB === 'undefined') return new MemoryGateStore();
  try {
    const db = await openDB<GateDb>('staff-web-gate', 2, {
      upgrade(database, oldVersion) {
        if (oldVersion < 1) {
          database.createObjectStore('queue', { keyPath: 'id' });
          database.createObjectStore('cache');
        }
        if (oldVersion < 2) database.createObjectStore('conflicts', { keyPath: 'id' });
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
