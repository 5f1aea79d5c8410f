import { useEffect, useRef, useState } from 'react';

interface Props {
  onCode: (text: string) => void;
  onClose: () => void;
}

/** Reads card QR codes from the camera (qr-scanner, loaded only when opened). */
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
        setError(e instanceof Error ? e.message : String(e));
      }
    })();
    return () => {
      stopped = true;
      scanner?.stop();
      scanner?.destroy();
    };
  }, []);

  return (
    <div className="camera">
      <video ref={video} aria-label="Camera view for scanning card QR codes" muted playsInline />
      {error && (
        <p role="alert" className="alert alert-error">
          Camera not available: {error}. Type the card number instead.
        </p>
      )}
      <button type="button" onClick={onClose}>
        Close camera
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
