import { uuid } from '../api/uuid';
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useClient } from 'urql';
import {
  CheckInMutation,
  DenyListQuery,
  InspectionAreasQuery,
  SubmitCheckInsMutation,
  VerificationKeysQuery,
} from '../api/operations';
import { describeError, isNetworkError } from '../api/errors';
import { CardNumberInput } from '../components/CardNumberInput';
import { cardInputState } from '../components/cardInput';
import { ErrorAlert } from '../components/ErrorAlert';
import { formatDateTime } from '../components/format';
import type { CheckInInput, Direction } from '../gql/graphql';
import { useServices } from '../services';
import { CameraScanner, scanImageFile, useCameraPresence } from './CameraScanner';
import { DecisionSignal } from './feedback';
import { AnnulLastScan, type LastScan } from './AnnulLastScan';
import { GateResult, type GateOutcome } from './GateResult';
import {
  catalogueOf,
  decideOffline,
  formatAge,
  offlineLimitHours,
  offlineReadiness,
  verifyCardToken,
} from './offline';
import { reasonText } from './reasons';
import {
  deviceId,
  type CachedArea,
  type GateStore,
  type OfflineData,
  type StoredConflict,
} from './store';

const SETTINGS_KEY = 'staff-web.gate';
const EMPTY_OFFLINE: OfflineData = { keys: null, keysAt: null, denyList: null, denyListAt: null };
const RETRY_MS = 15_000;

interface GateSettings {
  areaCode: string;
  direction: Direction;
  /** How old the cached data may be for this device to decide offline. */
  offlineLimitHours: number;
  /** A tone per decision. */
  sound: boolean;
  /** A vibration per decision, where the device has a motor. */
  vibration: boolean;
  /** Seconds before a result goes back to ready by itself; 0: only at the next scan. */
  autoReturnSeconds: number;
  /** Scan from the camera whenever the device has one (the operator may stop it). */
  camera: boolean;
}

/** The choices of auto-return offered: short enough for a queue, long enough to read. */
export const AUTO_RETURN_CHOICES = [0, 2, 3, 4, 5, 6, 8, 10] as const;
const DEFAULT_AUTO_RETURN = 4;

const DEFAULT_SETTINGS: GateSettings = {
  areaCode: '',
  direction: 'IN',
  offlineLimitHours: offlineLimitHours(undefined),
  sound: true,
  vibration: true,
  autoReturnSeconds: DEFAULT_AUTO_RETURN,
  camera: true,
};

function autoReturnSeconds(value: unknown): number {
  return AUTO_RETURN_CHOICES.includes(value as (typeof AUTO_RETURN_CHOICES)[number])
    ? (value as number)
    : DEFAULT_AUTO_RETURN;
}

function loadSettings(): GateSettings {
  try {
    const raw = window.localStorage.getItem(SETTINGS_KEY);
    if (raw) {
      const saved = JSON.parse(raw) as Partial<GateSettings>;
      return {
        areaCode: saved.areaCode ?? '',
        direction: saved.direction === 'OUT' ? 'OUT' : 'IN',
        offlineLimitHours: offlineLimitHours(saved.offlineLimitHours),
        sound: saved.sound ?? DEFAULT_SETTINGS.sound,
        vibration: saved.vibration ?? DEFAULT_SETTINGS.vibration,
        autoReturnSeconds: autoReturnSeconds(saved.autoReturnSeconds),
        camera: saved.camera ?? DEFAULT_SETTINGS.camera,
      };
    }
  } catch {
    // fall through to the defaults
  }
  return DEFAULT_SETTINGS;
}

/** A result with its place in this session's count, for telling two alike apart. */
interface ShownOutcome {
  outcome: GateOutcome;
  number: number;
  at: Date;
}

/** The gate: scan or type a card, see ADMITTED or DENIED; works offline from the card's signature. */
export function GatePage() {
  const client = useClient();
  const services = useServices();
  const [store, setStore] = useState<GateStore | null>(null);
  const [areas, setAreas] = useState<CachedArea[]>([]);
  const [offlineData, setOfflineData] = useState<OfflineData | null>(null);
  const [settings, setSettings] = useState(loadSettings);
  const [online, setOnline] = useState(true);
  const [cardText, setCardText] = useState('');
  const [busy, setBusy] = useState(false);
  const [shown, setShown] = useState<ShownOutcome | null>(null);
  const outcome = shown?.outcome ?? null;
  const scanCount = useRef(0);
  const signal = useRef<DecisionSignal | null>(null);
  const [message, setMessage] = useState('');
  const [queued, setQueued] = useState(0);
  const [uploading, setUploading] = useState(false);
  const [uploadNote, setUploadNote] = useState('');
  const [conflicts, setConflicts] = useState<StoredConflict[]>([]);
  const [now, setNow] = useState(() => new Date());
  const cameraPresence = useCameraPresence();
  const cameraOn = cameraPresence === 'present' && settings.camera;
  const photoInput = useRef<HTMLInputElement>(null);
  const [lastScan, setLastScan] = useState<LastScan | null>(null);
  const [annulling, setAnnulling] = useState(false);
  const lastCode = useRef<{ text: string; at: number } | null>(null);
  const input = useRef<HTMLDivElement>(null);

  const area = useMemo(
    () => areas.find((a) => a.code === settings.areaCode) ?? null,
    [areas, settings.areaCode],
  );

  useEffect(() => {
    window.localStorage.setItem(SETTINGS_KEY, JSON.stringify(settings));
  }, [settings]);

  /** Shows a decision, numbered in this session, and signals it by ear and touch. */
  function show(next: GateOutcome) {
    scanCount.current += 1;
    setShown({ outcome: next, number: scanCount.current, at: new Date() });
    signal.current ??= new DecisionSignal();
    signal.current.signal(next.decision, settings);
  }

  // The cached data's age, kept current.
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), 30_000);
    return () => window.clearInterval(timer);
  }, []);

  // Open the store, show what is cached, then refresh the cache from the server.
  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const s = await services.openGateStore();
      if (cancelled) return;
      setStore(s);
      const [cachedAreas, cachedData, pending, found] = await Promise.all([
        s.loadAreas(),
        s.loadOfflineData(),
        s.pending(),
        s.conflicts(),
      ]);
      if (cancelled) return;
      if (cachedAreas.length) setAreas(cachedAreas);
      setOfflineData(cachedData);
      setQueued(pending.length);
      setConflicts(found);
    })();
    return () => {
      cancelled = true;
    };
  }, [services]);

  const refreshCache = useCallback(async () => {
    if (!store) return;
    const [areasResult, keysResult, denyResult] = await Promise.all([
      client.query(InspectionAreasQuery, {}, { requestPolicy: 'network-only' }).toPromise(),
      client.query(VerificationKeysQuery, {}, { requestPolicy: 'network-only' }).toPromise(),
      client.query(DenyListQuery, {}, { requestPolicy: 'network-only' }).toPromise(),
    ]);
    if (areasResult.data) {
      const list = areasResult.data.inspectionAreas.map(
        ({ id, code, name, kind, venueCode, zone, closedLoop }) => ({
          id,
          code,
          name,
          kind,
          venueCode,
          zone,
          closedLoop,
        }),
      );
      setAreas(list);
      await store.saveAreas(list);
    }
    // Each part is kept on its own: a failure of one leaves the other's last copy.
    const previous = (await store.loadOfflineData()) ?? EMPTY_OFFLINE;
    const at = new Date().toISOString();
    const data: OfflineData = {
      ...previous,
      ...(keysResult.data
        ? {
            keys: keysResult.data.cardVerificationKeys,
            catalogue: catalogueOf(keysResult.data.venues),
            keysAt: at,
          }
        : {}),
      ...(denyResult.data
        ? {
            denyList: denyResult.data.cardDenyList.map(
              ({ cardNumber, status, tokenVersion, reasons, testDueBy }) => ({
                cardNumber,
                status,
                tokenVersion,
                reasons,
                testDueBy: testDueBy ?? null,
              }),
            ),
            denyListAt: at,
          }
        : {}),
    };
    if (keysResult.data || denyResult.data) {
      setOfflineData(data);
      setNow(new Date());
      await store.saveOfflineData(data);
    }
    if (isNetworkError(areasResult.error) || isNetworkError(keysResult.error)) setOnline(false);
    else if (areasResult.data) setOnline(true);
  }, [client, store]);

  useEffect(() => {
    void refreshCache();
    const timer = window.setInterval(() => void refreshCache(), 5 * 60_000);
    return () => window.clearInterval(timer);
  }, [refreshCache]);

  const upload = useCallback(async () => {
    if (!store) return;
    const pending = await store.pending();
    setQueued(pending.length);
    if (pending.length === 0) return;
    setUploading(true);
    const result = await client
      .mutation(SubmitCheckInsMutation, { input: pending.map((p) => p.input) })
      .toPromise();
    setUploading(false);
    if (result.data) {
      const answered = result.data.submitCheckIns;
      const found = answered.filter((c) => c.conflict);
      // Kept on the device before the queue lets go of the scans.
      await store.saveConflicts(found);
      await store.remove(pending.map((p) => p.id));
      setQueued((await store.pending()).length);
      setOnline(true);
      setConflicts(await store.conflicts());
      setUploadNote(
        `${answered.length} queued scan${answered.length === 1 ? '' : 's'} uploaded; ${
          found.length
        } conflict${found.length === 1 ? '' : 's'} to review.`,
      );
      void refreshCache();
    } else if (isNetworkError(result.error)) {
      setOnline(false);
      setUploadNote('Still offline: the queued scans will be uploaded later.');
    } else {
      // The server answered, so it is reachable: it refused the batch.
      setOnline(true);
      setUploadNote(`Upload failed: ${describeError(result.error)}`);
    }
  }, [client, store, refreshCache]);

  // Retry the queue periodically and as soon as the browser says it is online.
  useEffect(() => {
    const onOnline = () => void upload();
    window.addEventListener('online', onOnline);
    const timer = window.setInterval(() => {
      if (queued > 0) void upload();
    }, RETRY_MS);
    return () => {
      window.removeEventListener('online', onOnline);
      window.clearInterval(timer);
    };
  }, [upload, queued]);

  async function decideLocally(checkIn: CheckInInput, areaName: string) {
    if (!store || !area) return;
    if (!globalThis.crypto?.subtle) {
      setMessage(
        'Offline, and this browser cannot verify card signatures here: the app must be opened over HTTPS to decide offline.',
      );
      return;
    }
    if (!checkIn.cardToken) {
      setMessage(
        'Offline: a typed card number cannot be checked without the server. Scan the card’s QR code instead.',
      );
      return;
    }
    const data = offlineData ?? EMPTY_OFFLINE;
    const readiness = offlineReadiness(data, new Date(), settings.offlineLimitHours);
    if (!readiness.ready || !data.keys) {
      setMessage(readiness.ready ? '' : readiness.message);
      return;
    }
    const claims = await verifyCardToken(checkIn.cardToken, data.keys, data.catalogue);
    const local = decideOffline({
      claims,
      denyList: data.denyList ?? [],
      area,
      direction: checkIn.direction,
      at: new Date(checkIn.scannedAt ?? Date.now()),
    });
    await store.enqueue({
      id: checkIn.id,
      input: { ...checkIn, deviceDecision: local.decision },
      reasons: local.reasons,
      label: claims ? `Card ${claims.cn}` : 'Unverified card',
    });
    setQueued((await store.pending()).length);
    show({
      decision: local.decision,
      reasons: local.reasons,
      direction: checkIn.direction,
      areaName,
      offline: true,
      // The card carries no name: the holder is named once the scan reaches the server.
      person: claims
        ? {
            name: 'Not known offline',
            organisation: '—',
            category: '—',
            cardNumber: claims.cn,
          }
        : null,
    });
  }

  async function check(text: string) {
    setMessage('');
    setLastScan(null);
    setAnnulling(false);
    setNow(new Date());
    if (!area) {
      setMessage('Choose the inspection area first.');
      return;
    }
    const state = cardInputState(text, true);
    if (state.kind !== 'valid' && state.kind !== 'token') {
      setMessage(state.kind === 'empty' ? 'Type a card number or scan a card.' : state.message);
      return;
    }
    const checkIn: CheckInInput = {
      id: uuid(),
      areaCode: area.code,
      direction: settings.direction,
      scannedAt: new Date().toISOString(),
      deviceId: deviceId(),
      ...(state.kind === 'token' ? { cardToken: text.trim() } : { cardNumber: state.cardNumber }),
    };
    setBusy(true);
    try {
      const result = await client.mutation(CheckInMutation, { input: checkIn }).toPromise();
      if (result.data) {
        setOnline(true);
        const c = result.data.checkIn;
        show({
          decision: c.decision,
          reasons: c.reasons,
          direction: c.direction,
          areaName: c.area.name,
          offline: false,
          person: c.person
            ? {
                name: `${c.person.givenName} ${c.person.familyName}`,
                organisation: c.person.organisation.name,
                category: c.person.accreditation.category,
                cardNumber: c.person.accreditation.cardNumber,
                photoUrl: c.person.photo?.url ?? null,
              }
            : null,
        });
        setLastScan({
          id: c.id,
          decision: c.decision,
          direction: c.direction,
          areaName: c.area.name,
          personName: c.person ? `${c.person.givenName} ${c.person.familyName}` : null,
        });
        setCardText('');
        if (queued > 0) void upload();
      } else if (isNetworkError(result.error)) {
        setOnline(false);
        await decideLocally(checkIn, area.name);
        setCardText('');
      } else {
        setMessage(describeError(result.error));
      }
    } finally {
      setBusy(false);
    }
  }

  function onCode(text: string) {
    const now = Date.now();
    if (busy) return;
    const last = lastCode.current;
    lastCode.current = { text, at: now };
    // A card held in front of the camera is read once, until it has been away 3 s.
    if (last && last.text === text && now - last.at < 3000) return;
    // The camera keeps running: the next card replaces the answer on screen.
    setShown(null);
    setAnnulling(false);
    void check(text);
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    void check(cardText);
  }

  async function onImage(file: File | undefined) {
    if (!file) return;
    try {
      const text = await scanImageFile(file);
      await check(text);
    } catch {
      setMessage('No card QR code was found in that image.');
    }
  }

  async function dismissConflicts() {
    if (!store) return;
    await store.dismissConflicts(conflicts.map((c) => c.id));
    setConflicts(await store.conflicts());
  }

  function dismiss(typed?: string) {
    setShown(null);
    if (typed) setCardText(typed);
    input.current?.querySelector('input')?.focus();
  }

  const gateAreas = areas.filter((a) => a.kind !== 'PORT_OF_ENTRY');
  const selectable = gateAreas.length ? gateAreas : areas;

  return (
    <section aria-labelledby="gate-title" className={`gate${cameraOn ? ' with-camera' : ''}`}>
      <h1 id="gate-title">Gate</h1>
      <div className={`connection ${online ? 'online' : 'offline'}`} role="status">
        <span aria-hidden="true">{online ? '●' : '⚡'} </span>
        {online
          ? 'Online'
          : offlineReadiness(offlineData ?? EMPTY_OFFLINE, now, settings.offlineLimitHours).ready
            ? 'Offline: deciding on this device from the card’s signature and its cached data'
            : 'Offline: this device cannot decide alone (its card data is missing or too old)'}
        {' · '}
        <span>
          {queued} scan{queued === 1 ? '' : 's'} waiting to upload
        </span>
        {offlineData?.keysAt && (
          <span className="muted">
            {' · '}card keys from {formatDateTime(offlineData.keysAt)}
            {' · '}
            {offlineData.denyListAt
              ? `deny list from ${formatDateTime(offlineData.denyListAt)} (${formatAge(
                  now.getTime() - Date.parse(offlineData.denyListAt),
                )} old; offline decisions on data up to ${settings.offlineLimitHours} h old)`
              : 'deny list not available: no offline decisions'}
          </span>
        )}
      </div>

      <fieldset className="gate-setup">
        <legend>Where and which way</legend>
        <div className="field">
          <label htmlFor="gate-area">Inspection area</label>
          <select
            id="gate-area"
            value={settings.areaCode}
            onChange={(e) => setSettings((s) => ({ ...s, areaCode: e.target.value }))}
          >
            <option value="">Choose an area…</option>
            {selectable.map((a) => (
              <option key={a.code} value={a.code}>
                {a.name} ({a.code})
              </option>
            ))}
          </select>
        </div>
        <div role="group" aria-label="Direction" className="direction-toggle">
          {(['IN', 'OUT'] as const).map((d) => (
            <button
              key={d}
              type="button"
              aria-pressed={settings.direction === d}
              onClick={() => setSettings((s) => ({ ...s, direction: d }))}
            >
              <span className="direction-word">{d}</span>{' '}
              <span className="direction-hint">{d === 'IN' ? '(entry)' : '(exit)'}</span>
            </button>
          ))}
        </div>
      </fieldset>

      <fieldset className="gate-setup gate-settings">
        <legend>Gate settings</legend>
        <label className="toggle">
          <input
            type="checkbox"
            checked={settings.sound}
            onChange={(e) => setSettings((s) => ({ ...s, sound: e.target.checked }))}
          />
          Sound for each result
        </label>
        <label className="toggle">
          <input
            type="checkbox"
            checked={settings.vibration}
            onChange={(e) => setSettings((s) => ({ ...s, vibration: e.target.checked }))}
          />
          Vibrate for each result
        </label>
        <div className="field">
          <label htmlFor="gate-auto-return">Back to ready after</label>
          <select
            id="gate-auto-return"
            value={settings.autoReturnSeconds}
            onChange={(e) =>
              setSettings((s) => ({
                ...s,
                autoReturnSeconds: autoReturnSeconds(Number(e.target.value)),
              }))
            }
          >
            {AUTO_RETURN_CHOICES.map((n) => (
              <option key={n} value={n}>
                {n === 0 ? 'the next scan only' : `${n} seconds`}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="gate-offline-limit">Decide offline on data up to (hours old)</label>
          <input
            id="gate-offline-limit"
            type="number"
            min={1}
            max={24}
            value={settings.offlineLimitHours}
            onChange={(e) =>
              setSettings((s) => ({
                ...s,
                offlineLimitHours: offlineLimitHours(e.target.valueAsNumber),
              }))
            }
          />
        </div>
      </fieldset>

      <form onSubmit={onSubmit} className="gate-form" aria-label="Check a card">
        <div ref={input}>
          <CardNumberInput
            label="Card number or scanned code"
            value={cardText}
            allowToken
            autoFocus
            onChange={(v) => setCardText(v)}
          />
        </div>
        <div className="row">
          <button type="submit" className="primary big" disabled={busy}>
            {busy ? 'Checking…' : 'Check card'}
          </button>
          {cameraPresence === 'present' && !cameraOn && (
            <button type="button" onClick={() => setSettings((s) => ({ ...s, camera: true }))}>
              Start camera
            </button>
          )}
          <button type="button" onClick={() => photoInput.current?.click()}>
            Scan from photo
          </button>
          {/* Reached through the button above: a hidden field never takes focus. */}
          <input
            ref={photoInput}
            type="file"
            accept="image/*"
            hidden
            tabIndex={-1}
            aria-hidden="true"
            onChange={(e) => {
              void onImage(e.target.files?.[0]);
              e.target.value = '';
            }}
          />
        </div>
        {cameraPresence === 'absent' && (
          <p className="muted">
            No camera on this device: type the card number or use a handheld scanner.
          </p>
        )}
      </form>
      {cameraOn && (
        <CameraScanner
          onCode={onCode}
          onClose={() => setSettings((s) => ({ ...s, camera: false }))}
        />
      )}
      {message && <ErrorAlert text={message} />}
      {lastScan && !outcome && (
        <AnnulLastScan
          key={lastScan.id}
          scan={lastScan}
          asking={annulling}
          onAsking={setAnnulling}
        />
      )}

      <section aria-labelledby="queue-title" className="panel">
        <h2 id="queue-title">Offline queue</h2>
        <p>
          {queued === 0
            ? 'Nothing waiting: every scan has reached the server.'
            : `${queued} scan${queued === 1 ? '' : 's'} decided offline, waiting to upload.`}
        </p>
        <button type="button" onClick={() => void upload()} disabled={uploading || queued === 0}>
          {uploading ? 'Uploading…' : 'Upload queued scans now'}
        </button>
        {uploadNote && <p role="status">{uploadNote}</p>}
        {conflicts.length > 0 && (
          <>
            <h3>Conflicts to review</h3>
            <p>
              Scans this device let through or refused offline where the server decided otherwise.
              They stay here until dismissed; supervisors see every gate’s in{' '}
              <a href="#/conflicts">Conflicts</a>.
            </p>
            <table>
              <caption className="visually-hidden">
                Scans where the server decided differently
              </caption>
              <thead>
                <tr>
                  <th scope="col">Scanned</th>
                  <th scope="col">Card</th>
                  <th scope="col">Area</th>
                  <th scope="col">This device</th>
                  <th scope="col">Server</th>
                  <th scope="col">Server’s reasons</th>
                </tr>
              </thead>
              <tbody>
                {conflicts.map((c) => (
                  <tr key={c.id}>
                    <td>{formatDateTime(c.scannedAt)}</td>
                    <td>
                      {c.person
                        ? `${c.person.givenName} ${c.person.familyName} (${c.person.accreditation.cardNumber})`
                        : 'Unknown card'}
                    </td>
                    <td>{c.area.code}</td>
                    <td>{c.deviceDecision}</td>
                    <td>{c.decision}</td>
                    <td>{c.reasons.map(reasonText).join(' ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <button type="button" onClick={() => void dismissConflicts()}>
              Dismiss these conflicts on this device
            </button>
          </>
        )}
      </section>

      {shown && (
        <GateResult
          key={shown.number}
          outcome={shown.outcome}
          scan={{ number: shown.number, at: shown.at }}
          autoReturnSeconds={settings.autoReturnSeconds}
          besideCamera={cameraOn}
          onDismiss={dismiss}
          onAnnul={
            lastScan && !shown.outcome.offline
              ? () => {
                  setShown(null);
                  setAnnulling(true);
                }
              : undefined
          }
        />
      )}
    </section>
  );
}
