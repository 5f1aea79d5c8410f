import { useEffect, useRef, useState } from 'react';

interface Props {
  onCode: (text: string) => void;
  onClose: () => void;
}

/** Whether this device has a camera to scan with: 'checking' until the browser has said. */
export type CameraPresence = 'checking' | 'present' | 'absent';

/**
 * Asks the browser for its video inputs without opening one (no permission
 * prompt). A browser without media devices (or a page not served over HTTPS)
 * has no camera as far as the gate is concerned.
 */
export async function detectCamera(
  media: Pick<MediaDevices, 'enumerateDevices' | 'getUserMedia'> | undefined = globalThis.navigator
    ?.mediaDevices,
): Promise<boolean> {
  if (typeof media?.enumerateDevices !== 'function' || typeof media.getUserMedia !== 'function')
    return false;
  try {
    return (await media.enumerateDevices()).some((d) => d.kind === 'videoinput');
  } catch {
    return false;
  }
}

/** The gate scans from the camera by itself when there is one; this says whether there is. */
export function useCameraPresence(): CameraPresence {
  const [presence, setPresence] = useState<CameraPresence>('checking');
  useEffect(() => {
    let cancelled = false;
    void detectCamera().then((found) => {
      if (!cancelled) setPresence(found ? 'present' : 'absent');
    });
    return () => {
      cancelled = true;
    };
  }, []);
  return presence;
}

/**
 * Reads card QR codes from the camera (qr-scanner, loaded only when opened) and
 * keeps reading while mounted: the gate leaves it running between scans.
 */
export function CameraScanner({ onCode, onClose }: Props) {
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState('');
  const handler = useRef(onCode);
  handler.current = onCode;

  useEffect(() => {
    let stopped = false;
    let scanner: { stop(): void; destroy(): void } | null = null;
    void (async () => {
      try {
        const { default: QrScanner } = await import('qr-scanner');
        if (stopped || !video.current) return;
        const s = new QrScanner(video.current, (result) => handler.current(result.data), {
          returnDetailedScanResult: true,
          highlightScanRegion: true,
          maxScansPerSecond: 5,
        });
        scanner = s;
        await s.start();
      } catch (e) {
        if (!stopped) setError(e instanceof Error ? e.message : String(e));
      }
    })();
    return () => {
      stopped = true;
      scanner?.stop();
      scanner?.destroy();
    };
  }, []);

  return (
    <div className="camera live">
      <video ref={video} aria-label="Camera view for scanning card QR codes" muted playsInline />
      {error && (
        // Quietly: the card field and a handheld scanner still work.
        <p role="status" className="camera-note">
          Camera not available ({error}): type the card number instead.
        </p>
      )}
      <button type="button" onClick={onClose}>
        Stop camera
      </button>
    </div>
  );
}

/** Decodes a QR code from a photo of a card. */
export async function scanImageFile(file: File): Promise<string> {
  const { default: QrScanner } = await import('qr-scanner');
  const result = await QrScanner.scanImage(file, { returnDetailedScanResult: true });
  return result.data;
}
