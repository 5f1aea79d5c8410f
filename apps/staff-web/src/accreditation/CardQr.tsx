import { useEffect, useState } from 'react';
import { FormattedMessage } from 'react-intl';
import QRCode from 'qrcode';

/** The card's QR code, drawn from its signed token. */
export function CardQr({ token, alt }: { token: string; alt: string }) {
  const [src, setSrc] = useState('');
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let cancelled = false;
    QRCode.toDataURL(token, { errorCorrectionLevel: 'M', margin: 2, width: 240 })
      .then((url) => {
        if (!cancelled) setSrc(url);
      })
      .catch(() => {
        if (!cancelled) setFailed(true);
      });
    return () => {
      cancelled = true;
    };
  }, [token]);
  if (failed) {
    return (
      <p role="alert">
        <FormattedMessage id="cardQr.failed" defaultMessage="The QR code could not be drawn." />
      </p>
    );
  }
  if (!src) {
    return (
      <p role="status">
        <FormattedMessage id="cardQr.drawing" defaultMessage="Drawing QR code…" />
      </p>
    );
  }
  return <img className="qr" src={src} alt={alt} width={240} height={240} />;
}
