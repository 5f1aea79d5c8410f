import { uuid } from '../api/uuid';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useClient, useMutation, useQuery } from 'urql';
import {
  DepartingPersonQuery,
  ProcessArrivalMutation,
  ProcessDepartureMutation,
  VerificationKeysQuery,
} from '../api/operations';
import { describeError, fieldErrors } from '../api/errors';
import { AreaSelect } from '../components/AreaSelect';
import { CardNumberInput } from '../components/CardNumberInput';
import { cardInputState } from '../components/cardInput';
import { DecisionPanel } from '../components/DecisionPanel';
import { Dialog } from '../components/Dialog';
import { ErrorAlert } from '../components/ErrorAlert';
import { Field } from '../components/Field';
import { formatDateTime } from '../components/format';
import { flightNumberProblem, normaliseFlightNumber } from './flight';

type Problems = Partial<Record<'cardNumber' | 'documentNumber' | 'flightNumber', string>>;

interface Departing {
  cardNumber: string;
  name: string | null;
  organisation: string | null;
}
import { Portrait } from '../gate/GateResult';
import { verifyCardToken } from '../gate/offline';
import { SuccessNote } from '../components/SuccessNote';

/** The port-of-entry desk: validates pre-valid cards on arrival, records departures. */
export function ArrivalPage() {
  const client = useClient();
  const [areaCode, setAreaCode] = useState('');
  const [card, setCard] = useState('');
  const [documentNumber, setDocumentNumber] = useState('');
  const [flight, setFlight] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const [departureCard, setDepartureCard] = useState('');
  const [departing, setDeparting] = useState<Departing | null>(null);
  const [departed, setDeparted] = useState('');
  const [problem, setProblem] = useState('');
  const [arrival, processArrival] = useMutation(ProcessArrivalMutation);
  const [departure, processDeparture] = useMutation(ProcessDepartureMutation);
  const verdict = useRef<HTMLDivElement>(null);

  const a = arrival.data?.processArrival;
  // The verdict is brought into view and focused: on a tablet it is never below the fold.
  useEffect(() => {
    if (!a && !arrival.error) return;
    verdict.current?.scrollIntoView?.({ block: 'nearest' });
    verdict.current?.focus({ preventScroll: true });
  }, [a, arrival.error]);

  const [keys] = useQuery({ query: VerificationKeysQuery });

  /** The card number typed, or read from a scanned card code whose signature verifies. */
  async function cardNumberOf(text: string): Promise<{ cardNumber?: string; problem?: string }> {
    const state = cardInputState(text, true);
    if (state.kind === 'valid') return { cardNumber: state.cardNumber };
    if (state.kind !== 'token') return { problem: state.message };
    const claims = await verifyCardToken(text, keys.data?.cardVerificationKeys ?? '');
    return claims
      ? { cardNumber: claims.cn }
      : {
          problem:
            'The scanned card code does not verify: it is forged, altered or signed by an unknown key.',
        };
  }

  async function onArrival(e: FormEvent) {
    e.preventDefault();
    setProblem('');
    const found: Problems = {};
    const read = await cardNumberOf(card);
    if (!read.cardNumber) found.cardNumber = read.problem || 'Type the card number.';
    if (!documentNumber.trim()) found.documentNumber = 'Type the passport or ID number.';
    const flightProblem = flightNumberProblem(flight);
    if (flightProblem) found.flightNumber = `Flight number ${flightProblem}`;
    const normalisedFlight = normaliseFlightNumber(flight);
    setFlight(normalisedFlight);
    setProblems(found);
    if (!areaCode) return setProblem('Choose the port-of-entry area first.');
    if (Object.keys(found).length > 0) return;
    const cardNumber = read.cardNumber!;
    const r = await processArrival({
      input: {
        id: uuid(),
        areaCode,
        cardNumber,
        documentNumber: documentNumber.trim(),
        flightNumber: normalisedFlight || null,
        arrivedAt: new Date().toISOString(),
      },
    });
    const answer = r.data?.processArrival;
    if (answer) {
      const reasons = answer.reasons;
      if (answer.decision === 'ADMITTED' || answer.alreadyArrivedAt) {
        // Done with this person: the desk is ready for the next.
        setCard('');
        setDocumentNumber('');
        setFlight('');
      } else {
        // Kept for correction, the wrong one marked.
        setProblems({
          ...(reasons.includes('UNKNOWN_CARD') ? { cardNumber: 'No card has this number.' } : {}),
          ...(reasons.includes('DOCUMENT_MISMATCH')
            ? { documentNumber: 'Does not match the document on the accreditation.' }
            : {}),
        });
      }
    } else if (r.error) {
      const fields = fieldErrors(r.error);
      setProblems({
        ...(fields.cardNumber ? { cardNumber: `Card number ${fields.cardNumber}` } : {}),
        ...(fields.documentNumber ? { documentNumber: `Document ${fields.documentNumber}` } : {}),
        ...(fields.flightNumber ? { flightNumber: `Flight number ${fields.flightNumber}` } : {}),
      });
    }
  }

  /** Asks first, naming the person the card belongs to. */
  async function onDeparture(e: FormEvent) {
    e.preventDefault();
    setProblem('');
    setDeparted('');
    if (!areaCode) return setProblem('Choose the port-of-entry area first.');
    const read = await cardNumberOf(departureCard);
    if (!read.cardNumber) return setProblem(`Card number: ${read.problem ?? ''}`);
    const departingCard = read.cardNumber;
    const found = await client
      .query(DepartingPersonQuery, { cardNumber: departingCard }, { requestPolicy: 'network-only' })
      .toPromise();
    if (found.error) return setProblem(describeError(found.error));
    const person = found.data?.personByCard;
    if (!person) return setProblem(`No card has the number ${departingCard}.`);
    setDeparting({
      cardNumber: departingCard,
      name: `${person.givenName} ${person.familyName}`,
      organisation: person.organisation.name,
    });
  }

  async function confirmDeparture() {
    if (!departing) return;
    const who = departing;
    setDeparting(null);
    const r = await processDeparture({
      input: {
        id: uuid(),
        areaCode,
        cardNumber: who.cardNumber,
        departedAt: new Date().toISOString(),
      },
    });
    if (r.data) {
      setDepartureCard('');
      setDeparted(
        `Departure recorded: ${who.name} (card ${who.cardNumber}) has left; closed-loop status is now ${r.data.processDeparture.status}.`,
      );
    }
  }

  const alreadyArrived = a?.alreadyArrivedAt
    ? `${a.person ? `${a.person.givenName} ${a.person.familyName}` : 'This card'} already arrived at ${formatDateTime(a.alreadyArrivedAt)}: nothing was recorded again.`
    : '';
  return (
    <section aria-labelledby="arrival-title">
      <h1 id="arrival-title">Arrival desk</h1>
      <AreaSelect
        id="arrival-area"
        label="Port of entry"
        kind="PORT_OF_ENTRY"
        value={areaCode}
        onChange={setAreaCode}
      />
      {problem && <ErrorAlert text={problem} />}
      <div className="columns arrival-desk">
        <form
          onSubmit={(e) => void onArrival(e)}
          className="panel arrival-form"
          aria-labelledby="arr-h"
          noValidate
        >
          <h2 id="arr-h">Arrival</h2>
          <CardNumberInput
            label="Card number"
            value={card}
            onChange={setCard}
            error={problems.cardNumber}
            allowToken
          />
          <Field id="arr-doc" label="Passport or ID number" error={problems.documentNumber}>
            {(describedBy, invalid) => (
              <input
                id="arr-doc"
                value={documentNumber}
                autoComplete="off"
                aria-invalid={invalid}
                aria-describedby={describedBy}
                onChange={(e) => setDocumentNumber(e.target.value)}
              />
            )}
          </Field>
          <Field
            id="arr-flight"
            label="Flight number (optional)"
            hint="Like CA123; spaces and lower case are tidied."
            error={problems.flightNumber}
          >
            {(describedBy, invalid) => (
              <input
                id="arr-flight"
                value={flight}
                autoComplete="off"
                aria-invalid={invalid}
                aria-describedby={describedBy}
                onChange={(e) => setFlight(e.target.value)}
                onBlur={() => {
                  setFlight(normaliseFlightNumber(flight));
                  const p = flightNumberProblem(flight);
                  setProblems((old) => ({
                    ...old,
                    flightNumber: p ? `Flight number ${p}` : undefined,
                  }));
                }}
              />
            )}
          </Field>
          <button type="submit" className="primary" disabled={arrival.fetching}>
            {arrival.fetching ? 'Checking…' : 'Process arrival'}
          </button>
        </form>
        <div className="arrival-verdict" ref={verdict} tabIndex={-1} aria-label="Arrival verdict">
          {arrival.error && Object.keys(fieldErrors(arrival.error)).length === 0 && (
            <ErrorAlert error={arrival.error} />
          )}
          {a && alreadyArrived && (
            <section className="decision already" role="status" aria-label="Arrival decision">
              <p className="decision-word">
                <span aria-hidden="true">ℹ </span>
                Already arrived
              </p>
              <p>{alreadyArrived}</p>
            </section>
          )}
          {a && !alreadyArrived && (
            <DecisionPanel
              title="Arrival decision"
              decision={a.decision}
              reasons={a.reasons}
              aside={
                a.person ? (
                  <Portrait
                    person={{
                      name: `${a.person.givenName} ${a.person.familyName}`,
                      photoUrl: a.person.photo?.url ?? null,
                    }}
                  />
                ) : undefined
              }
              who={
                a.person
                  ? `${a.person.givenName} ${a.person.familyName} · ${a.person.organisation.name} · ${a.person.accreditation.category} · card ${a.person.accreditation.cardNumber} · now ${a.person.accreditation.status}`
                  : 'Card not known'
              }
            />
          )}
        </div>
        <form onSubmit={(e) => void onDeparture(e)} className="panel" aria-labelledby="dep-h">
          <h2 id="dep-h">Departure</h2>
          <CardNumberInput
            label="Departing card number"
            value={departureCard}
            onChange={setDepartureCard}
            allowToken
          />
          <button type="submit" disabled={departure.fetching}>
            {departure.fetching ? 'Recording…' : 'Record departure…'}
          </button>
          <ErrorAlert error={departure.error} />
          {departed && <SuccessNote>{departed}</SuccessNote>}
        </form>
      </div>
      {departing && (
        <Dialog
          title={`Record the departure of ${departing.name}?`}
          onClose={() => setDeparting(null)}
          actions={
            <>
              <button type="button" onClick={() => setDeparting(null)}>
                Cancel
              </button>
              <button type="button" className="primary" onClick={() => void confirmDeparture()}>
                Record departure
              </button>
            </>
          }
        >
          <p>
            {departing.name} ({departing.organisation}, card {departing.cardNumber}) leaves the
            closed loop: closed-loop areas admit the card again only after a new arrival.
          </p>
        </Dialog>
      )}
    </section>
  );
}
