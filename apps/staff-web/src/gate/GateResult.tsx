import { useEffect, useRef, useState } from 'react';
import type { Decision, DenialReason, Direction } from '../gql/graphql';
import { nextSteps } from './next-steps';
import { reasonText } from './reasons';

export interface GateOutcome {
  decision: Decision;
  reasons: DenialReason[];
  direction: Direction;
  areaName: string;
  person: {
    name: string;
    organisation: string;
    category: string;
    cardNumber: string;
    /** A link to the holder's portrait; null when none is on file (undefined: not known here). */
    photoUrl?: string | null;
  } | null;
  /** Decided by this device alone, while the server could not be reached. */
  offline: boolean;
  /** What the device could not check when deciding alone. */
  warning?: string;
}

interface Props {
  outcome: GateOutcome;
  /** Called with the first character when the next card is typed or scanned straight away. */
  onDismiss: (typed?: string) => void;
  /** Offered for a scan the server recorded: annul it as a mistake. */
  onAnnul?: () => void;
  /** Which scan of this session it is and when, so two answers in a row are told apart. */
  scan?: { number: number; at: Date };
  /** Back to ready by itself after this many seconds; 0 or absent: only at the next scan. */
  autoReturnSeconds?: number;
  /** The camera preview stays in view beside the answer (the overlay leaves it room). */
  besideCamera?: boolean;
}

const TIME = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  // A 24-hour clock: no AM/PM to misread in a hurry.
  hourCycle: 'h23',
});

/** The answer at the gate, readable at a glance: word, icon, reasons, who. */
export function GateResult({
  outcome,
  onDismiss,
  onAnnul,
  scan,
  autoReturnSeconds,
  besideCamera,
}: Props) {
  const admitted = outcome.decision === 'ADMITTED';
  const button = useRef<HTMLButtonElement>(null);
  const dismiss = useRef(onDismiss);
  dismiss.current = onDismiss;
  const [held, setHeld] = useState(false);
  // Without scrolling: the word and the direction at the top stay in view.
  useEffect(() => button.current?.focus({ preventScroll: true }), []);
  // The queue moves on by itself; not while the operator is about to annul.
  useEffect(() => {
    if (!autoReturnSeconds || held) return;
    const timer = window.setTimeout(() => dismiss.current(), autoReturnSeconds * 1000);
    return () => window.clearTimeout(timer);
  }, [autoReturnSeconds, held]);
  const steps = admitted ? [] : nextSteps(outcome.reasons);
  return (
    <div
      className={`gate-result ${admitted ? 'admitted' : 'denied'}${
        besideCamera ? ' beside-camera' : ''
      }`}
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="gate-result-title"
      aria-describedby="gate-result-details"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          onDismiss();
        } else if (e.key === 'Tab') {
          // The result covers the screen: focus stays on its buttons.
          e.preventDefault();
          const buttons = [...e.currentTarget.querySelectorAll('button')];
          const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
          buttons[(at + (e.shiftKey ? buttons.length - 1 : 1)) % buttons.length]?.focus();
        } else if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey && e.key !== ' ') {
          // A handheld scanner (or the officer) starts on the next card: keep what is typed.
          e.preventDefault();
          onDismiss(e.key);
        }
      }}
    >
      <div className={`gate-result-inner${outcome.person ? ' with-portrait' : ''}`}>
        {outcome.person && <Portrait person={outcome.person} />}
        <div className="gate-headline">
          <p className="gate-icon" aria-hidden="true">
            {admitted ? '✔' : '✖'}
          </p>
          <h2 id="gate-result-title" className="gate-word">
            {outcome.decision}
          </h2>
          <p className="gate-way" aria-hidden="true">
            {outcome.direction}
          </p>
          {scan && (
            <p className="gate-scan">
              Scan #{scan.number} ·{' '}
              <time dateTime={scan.at.toISOString()}>{TIME.format(scan.at)}</time>
            </p>
          )}
        </div>
        <div id="gate-result-details">
          {steps.length > 0 && (
            <>
              <h3>{steps.length === 1 ? 'Next step' : 'Next steps'}</h3>
              <ul className="gate-next" aria-label="What to do next">
                {steps.map((step) => (
                  <li key={step}>{step}</li>
                ))}
              </ul>
            </>
          )}
          <p className="gate-direction">
            {outcome.direction === 'IN' ? 'Entry' : 'Exit'} at {outcome.areaName}
          </p>
          {outcome.person ? (
            <dl className="gate-person">
              <dt>Name</dt>
              <dd>{outcome.person.name}</dd>
              <dt>Organisation</dt>
              <dd>{outcome.person.organisation}</dd>
              <dt>Category</dt>
              <dd>{outcome.person.category}</dd>
              <dt>Card</dt>
              <dd>{outcome.person.cardNumber}</dd>
            </dl>
          ) : (
            <p>No person could be identified from this card.</p>
          )}
          {outcome.reasons.length > 0 && (
            <>
              <h3>{outcome.reasons.length === 1 ? 'Reason' : 'Reasons'}</h3>
              <ul className="gate-reasons" aria-label="Reasons for denial">
                {outcome.reasons.map((r) => (
                  <li key={r}>{reasonText(r)}</li>
                ))}
              </ul>
            </>
          )}
          {outcome.offline && (
            <p className="gate-offline">
              <span aria-hidden="true">⚡ </span>
              Decided offline on this device; it will be uploaded when the connection returns.
            </p>
          )}
        </div>
        {outcome.warning && (
          <p className="gate-offline">
            <span aria-hidden="true">⚠ </span>
            {outcome.warning}
          </p>
        )}
        <div className="gate-actions">
          <button ref={button} type="button" className="big" onClick={() => onDismiss()}>
            Next scan
          </button>
          {autoReturnSeconds ? (
            <p className="gate-auto">
              {held
                ? 'Held: press Next scan when done.'
                : `Back to ready in ${autoReturnSeconds} s.`}
            </p>
          ) : null}
          {onAnnul && (
            <button
              type="button"
              className="gate-annul"
              onClick={onAnnul}
              onFocus={() => setHeld(true)}
            >
              Annul this scan…
            </button>
          )}
        </div>
      </div>
    </div>
  );
}

/**
 * The holder's portrait, large, for the operator to compare with the face in
 * front of them; says so plainly when there is none (or none can be shown offline).
 */
export function Portrait({ person }: { person: { name: string; photoUrl?: string | null } }) {
  if (person.photoUrl) {
    return (
      <img
        className="gate-portrait"
        src={person.photoUrl}
        alt={`Portrait of ${person.name} on file`}
        width={300}
        height={400}
      />
    );
  }
  return (
    <p className="gate-portrait gate-no-portrait" role="note">
      {person.photoUrl === null
        ? 'No portrait on file: check the face against the passport.'
        : 'Portrait not available offline: check the face against the passport.'}
    </p>
  );
}
