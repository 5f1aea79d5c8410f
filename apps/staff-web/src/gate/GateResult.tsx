import { useEffect, useRef, useState } from 'react';
import type { Decision, DenialReason, Direction } from '../gql/graphql';
import { FormattedMessage, useIntl } from 'react-intl';
import { nextSteps } from './next-steps';
import { reasonIn } from './reasons';
import { CategoryName } from '../accreditation/categories';
import { DECISION_NAMES, DIRECTION_NAMES, DIRECTION_SHORT } from '../components/vocabulary';

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

const TIME = {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  // A 24-hour clock: no AM/PM to misread in a hurry.
  hourCycle: 'h23',
} as const;

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
  const intl = useIntl();
  const { formatMessage } = intl;
  const steps = admitted ? [] : nextSteps(intl, outcome.reasons);
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
            <FormattedMessage {...DECISION_NAMES[outcome.decision]} />
          </h2>
          <p className="gate-way" aria-hidden="true">
            <FormattedMessage {...DIRECTION_SHORT[outcome.direction]} />
          </p>
          {scan && (
            <p className="gate-scan">
              <FormattedMessage
                id="gate.scanNumber"
                defaultMessage="Scan #{number}"
                values={{ number: scan.number }}
              />{' '}
              · <time dateTime={scan.at.toISOString()}>{intl.formatTime(scan.at, TIME)}</time>
            </p>
          )}
        </div>
        <div id="gate-result-details">
          {steps.length > 0 && (
            <>
              <h3>
                <FormattedMessage
                  id="gate.nextSteps"
                  defaultMessage="{count, plural, one {Next step} other {Next steps}}"
                  values={{ count: steps.length }}
                />
              </h3>
              <ul
                className="gate-next"
                aria-label={formatMessage({
                  id: 'gate.whatNext',
                  defaultMessage: 'What to do next',
                })}
              >
                {steps.map((step) => (
                  <li key={step}>{step}</li>
                ))}
              </ul>
            </>
          )}
          <p className="gate-direction">
            <FormattedMessage
              id="gate.directionAt"
              defaultMessage="{direction} at {area}"
              values={{
                direction: formatMessage(DIRECTION_NAMES[outcome.direction]),
                area: outcome.areaName,
              }}
            />
          </p>
          {outcome.person ? (
            <dl className="gate-person">
              <dt>
                <FormattedMessage id="people.col.name" defaultMessage="Name" />
              </dt>
              <dd>{outcome.person.name}</dd>
              <dt>
                <FormattedMessage id="people.organisation" defaultMessage="Organisation" />
              </dt>
              <dd>{outcome.person.organisation}</dd>
              <dt>
                <FormattedMessage id="people.col.category" defaultMessage="Category" />
              </dt>
              <dd>
                <CategoryName code={outcome.person.category} />
              </dd>
              <dt>
                <FormattedMessage id="people.col.card" defaultMessage="Card" />
              </dt>
              <dd>{outcome.person.cardNumber}</dd>
            </dl>
          ) : (
            <p>
              <FormattedMessage
                id="gate.noPerson"
                defaultMessage="No person could be identified from this card."
              />
            </p>
          )}
          {outcome.reasons.length > 0 && (
            <>
              <h3>
                <FormattedMessage
                  id="gate.reasons"
                  defaultMessage="{count, plural, one {Reason} other {Reasons}}"
                  values={{ count: outcome.reasons.length }}
                />
              </h3>
              <ul
                className="gate-reasons"
                aria-label={formatMessage({
                  id: 'gate.reasonsLabel',
                  defaultMessage: 'Reasons for denial',
                })}
              >
                {outcome.reasons.map((r) => (
                  <li key={r}>{reasonIn(intl, r)}</li>
                ))}
              </ul>
            </>
          )}
          {outcome.offline && (
            <p className="gate-offline">
              <span aria-hidden="true">⚡ </span>
              <FormattedMessage
                id="gate.decidedOffline"
                defaultMessage="Decided offline on this device; it will be uploaded when the connection returns."
              />
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
            <FormattedMessage id="gate.nextScan" defaultMessage="Next scan" />
          </button>
          {autoReturnSeconds ? (
            <p className="gate-auto">
              {held
                ? formatMessage({
                    id: 'gate.held',
                    defaultMessage: 'Held: press Next scan when done.',
                  })
                : formatMessage(
                    { id: 'gate.backToReady', defaultMessage: 'Back to ready in {seconds} s.' },
                    { seconds: autoReturnSeconds },
                  )}
            </p>
          ) : null}
          {onAnnul && (
            <button
              type="button"
              className="gate-annul"
              onClick={onAnnul}
              onFocus={() => setHeld(true)}
            >
              <FormattedMessage id="annul.open" defaultMessage="Annul this scan…" />
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
  const intl = useIntl();
  if (person.photoUrl) {
    return (
      <img
        className="gate-portrait"
        src={person.photoUrl}
        alt={intl.formatMessage(
          { id: 'gate.portraitAlt', defaultMessage: 'Portrait of {name} on file' },
          { name: person.name },
        )}
        width={300}
        height={400}
      />
    );
  }
  return (
    <p className="gate-portrait gate-no-portrait" role="note">
      {person.photoUrl === null
        ? intl.formatMessage({
            id: 'gate.noPortrait',
            defaultMessage: 'No portrait on file: check the face against the passport.',
          })
        : intl.formatMessage({
            id: 'gate.noPortraitOffline',
            defaultMessage: 'Portrait not available offline: check the face against the passport.',
          })}
    </p>
  );
}
