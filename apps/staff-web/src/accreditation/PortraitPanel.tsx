import { useEffect, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useMutation } from 'urql';
import { SetPersonPhotoMutation } from '../api/operations';
import { ErrorAlert } from '../components/ErrorAlert';
import { useFormat } from '../components/format';
import { SuccessNote } from '../components/SuccessNote';

interface Photo {
  url: string;
  width: number;
  height: number;
  takenAt: string;
}

interface Props {
  personId: string;
  name: string;
  photo: Photo | null | undefined;
  editable: boolean;
  onSaved: () => void;
}

/** The stored portrait's proportions (3 x 4) and size. */
const OUT_WIDTH = 600;
const OUT_HEIGHT = 800;

/**
 * The holder's portrait: shown large; the office uploads one or takes it with
 * the device's camera, crops it to a portrait (zoom and position) and saves it.
 */
export function PortraitPanel({ personId, name, photo, editable, onSaved }: Props) {
  const { formatMessage } = useIntl();
  const format = useFormat();
  const [source, setSource] = useState<HTMLImageElement | HTMLCanvasElement | null>(null);
  const [camera, setCamera] = useState<MediaStream | null>(null);
  const [problem, setProblem] = useState('');
  const [saved, setSaved] = useState(false);
  const [result, save] = useMutation(SetPersonPhotoMutation);

  useEffect(() => () => camera?.getTracks().forEach((t) => t.stop()), [camera]);

  function fromFile(file: File | undefined) {
    setProblem('');
    setSaved(false);
    if (!file) return;
    if (!/^image\/(jpeg|png)$/.test(file.type)) {
      setProblem(
        formatMessage({
          id: 'portrait.chooseImage',
          defaultMessage: 'Choose a JPEG or PNG picture.',
        }),
      );
      return;
    }
    const img = new Image();
    img.onload = () => setSource(img);
    img.onerror = () =>
      setProblem(
        formatMessage({
          id: 'portrait.unreadable',
          defaultMessage: 'This file could not be read as a picture.',
        }),
      );
    img.src = URL.createObjectURL(file);
  }

  async function startCamera() {
    setProblem('');
    setSaved(false);
    try {
      setCamera(
        await navigator.mediaDevices.getUserMedia({
          video: { facingMode: 'user', width: { ideal: 1280 }, height: { ideal: 960 } },
        }),
      );
    } catch {
      setProblem(
        formatMessage({
          id: 'portrait.cameraFailed',
          defaultMessage:
            'The camera could not be opened: allow it in the browser, or upload a file.',
        }),
      );
    }
  }

  async function store(base64: string) {
    const r = await save({ personId, imageBase64: base64 });
    if (!r.error) {
      setSource(null);
      setSaved(true);
      onSaved();
    }
  }

  return (
    <section
      className="portrait-panel"
      aria-label={formatMessage({ id: 'portrait.label', defaultMessage: 'Portrait' })}
    >
      {photo ? (
        <figure>
          <img
            className="portrait"
            src={photo.url}
            alt={formatMessage(
              { id: 'portrait.alt', defaultMessage: 'Portrait of {name}' },
              { name },
            )}
            width={photo.width}
            height={photo.height}
          />
          <figcaption className="muted">
            <FormattedMessage
              id="portrait.taken"
              defaultMessage="Taken {when}"
              values={{ when: format.dateTime(photo.takenAt) }}
            />
          </figcaption>
        </figure>
      ) : (
        <p className="portrait portrait-missing">
          <FormattedMessage id="portrait.missing" defaultMessage="No portrait on file" />
        </p>
      )}
      {editable && !source && !camera && (
        <div className="row">
          <label className="button">
            {photo
              ? formatMessage({ id: 'portrait.replace', defaultMessage: 'Replace portrait…' })
              : formatMessage({ id: 'portrait.upload', defaultMessage: 'Upload portrait…' })}
            <input
              type="file"
              accept="image/jpeg,image/png"
              className="visually-hidden"
              aria-label={formatMessage({ id: 'portrait.file', defaultMessage: 'Portrait file' })}
              onChange={(e) => fromFile(e.target.files?.[0])}
            />
          </label>
          {'mediaDevices' in navigator && (
            <button type="button" onClick={() => void startCamera()}>
              <FormattedMessage id="portrait.camera" defaultMessage="Take with camera" />
            </button>
          )}
        </div>
      )}
      {camera && (
        <CameraCapture
          stream={camera}
          onTaken={(frame) => {
            setCamera(null);
            setSource(frame);
          }}
          onCancel={() => setCamera(null)}
        />
      )}
      {source && (
        <Cropper
          source={source}
          busy={result.fetching}
          onCancel={() => setSource(null)}
          onCropped={(base64) => void store(base64)}
        />
      )}
      {saved && (
        <SuccessNote>
          <FormattedMessage id="portrait.saved" defaultMessage="Portrait saved." />
        </SuccessNote>
      )}
      {problem && <ErrorAlert text={problem} />}
      <ErrorAlert error={result.error} />
    </section>
  );
}

function CameraCapture({
  stream,
  onTaken,
  onCancel,
}: {
  stream: MediaStream;
  onTaken: (frame: HTMLCanvasElement) => void;
  onCancel: () => void;
}) {
  const intl = useIntl();
  const video = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (video.current) {
      video.current.srcObject = stream;
      void video.current.play();
    }
  }, [stream]);
  function take() {
    const v = video.current;
    if (!v || !v.videoWidth) return;
    const canvas = document.createElement('canvas');
    canvas.width = v.videoWidth;
    canvas.height = v.videoHeight;
    canvas.getContext('2d')?.drawImage(v, 0, 0);
    onTaken(canvas);
  }
  return (
    <div className="camera">
      <video
        ref={video}
        muted
        playsInline
        aria-label={intl.formatMessage({
          id: 'portrait.preview',
          defaultMessage: 'Camera preview',
        })}
      />
      <div className="row">
        <button type="button" className="primary" onClick={take}>
          <FormattedMessage id="portrait.take" defaultMessage="Take picture" />
        </button>
        <button type="button" onClick={onCancel}>
          <FormattedMessage id="common.cancel" defaultMessage="Cancel" />
        </button>
      </div>
    </div>
  );
}

/** Crops the picture to a 3 x 4 portrait: zoom and position, previewed as it will be stored. */
function Cropper({
  source,
  busy,
  onCropped,
  onCancel,
}: {
  source: HTMLImageElement | HTMLCanvasElement;
  busy: boolean;
  onCropped: (base64: string) => void;
  onCancel: () => void;
}) {
  const intl = useIntl();
  const preview = useRef<HTMLCanvasElement>(null);
  const [zoom, setZoom] = useState(1);
  const [x, setX] = useState(50);
  const [y, setY] = useState(40);
  const width = source.width;
  const height = source.height;

  /** The crop box in the source: the largest 3 x 4 box, shrunk by the zoom, placed by x and y. */
  function box() {
    const full = Math.min(width, (height * 3) / 4);
    const w = full / zoom;
    const h = (w * 4) / 3;
    return { sx: ((width - w) * x) / 100, sy: ((height - h) * y) / 100, w, h };
  }

  useEffect(() => {
    const canvas = preview.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const { sx, sy, w, h } = box();
    ctx.drawImage(source, sx, sy, w, h, 0, 0, canvas.width, canvas.height);
  });

  function crop() {
    const canvas = document.createElement('canvas');
    const { sx, sy, w, h } = box();
    // Never enlarged past the picture: the service refuses a portrait under 300 x 400.
    canvas.width = Math.min(OUT_WIDTH, Math.round(w));
    canvas.height = Math.min(OUT_HEIGHT, Math.round(h));
    canvas.getContext('2d')?.drawImage(source, sx, sy, w, h, 0, 0, canvas.width, canvas.height);
    onCropped(canvas.toDataURL('image/jpeg', 0.9).replace(/^data:image\/jpeg;base64,/, ''));
  }

  return (
    <div className="cropper">
      <canvas
        ref={preview}
        width={180}
        height={240}
        className="portrait"
        role="img"
        aria-label={intl.formatMessage({
          id: 'portrait.cropPreview',
          defaultMessage: 'Cropped portrait preview',
        })}
      />
      <div>
        <label className="field">
          <FormattedMessage id="portrait.zoom" defaultMessage="Zoom" />
          <input
            type="range"
            min={1}
            max={3}
            step={0.05}
            value={zoom}
            onChange={(e) => setZoom(Number(e.target.value))}
          />
        </label>
        <label className="field">
          <FormattedMessage id="portrait.leftRight" defaultMessage="Left – right" />
          <input
            type="range"
            min={0}
            max={100}
            value={x}
            onChange={(e) => setX(Number(e.target.value))}
          />
        </label>
        <label className="field">
          <FormattedMessage id="portrait.topBottom" defaultMessage="Top – bottom" />
          <input
            type="range"
            min={0}
            max={100}
            value={y}
            onChange={(e) => setY(Number(e.target.value))}
          />
        </label>
        <div className="row">
          <button type="button" className="primary" disabled={busy} onClick={crop}>
            {busy ? (
              <FormattedMessage id="common.saving" defaultMessage="Saving…" />
            ) : (
              <FormattedMessage id="portrait.save" defaultMessage="Save portrait" />
            )}
          </button>
          <button type="button" onClick={onCancel}>
            <FormattedMessage id="common.cancel" defaultMessage="Cancel" />
          </button>
        </div>
      </div>
    </div>
  );
}
