import { uuid } from '../api/uuid';
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import {
  ProcessArrivalMutation,
  ProcessDepartureMutation,
  VerificationKeysQuery,
} from '../api/operations';
import { AreaSelect } from '../components/AreaSelect';
import { CardNumberInput } from '../components/CardNumberInput';
import { cardInputState } from '../components/cardInput';
import { DecisionPanel } from '../components/DecisionPanel';
import { ErrorAlert } from '../components/ErrorAlert';
import { formatDateTime } from '../components/format';
import { Portrait } from '../gate/GateResult';
import { verifyCardToken } from '../gate/offline';

/** The port-of-entry desk: validates pre-valid cards on arrival, records departures. */
export function ArrivalPage() {
  const [areaCode, setAreaCode] = useState('');
  const [card, setCard] = useState('');
  const [documentNumber, setDocumentNumber] = useState('');
  const [flight, setFlight] = useState('');
  const [departureCard, setDepartureCard] = useState('');
  const [problem, setProblem] = useState('');
  const [arrival, processArrival] = useMutation(ProcessArrivalMutation);
  const [departure, processDeparture] = useMutation(ProcessDepartureMutation);
  const [keys] = useQuery({ query: VerificationKeysQuery });

  /** The card number typed, or read from a scanned card code whose signature verifies. */
  async function cardNumberOf(text: string): Promise<{ cardNumber?: string; problem?: string }> {
    const state = cardInputState(text, true);
    if (state.kind === 'valid') return { cardNumber: state.cardNumber };
    if (state.kind !== 'token') return { problem: `Card number: ${state.message}` };
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
    if (!areaCode) return setProblem('Choose the port-of-entry area first.');
    const { cardNumber, problem: cardProblem } = await cardNumberOf(card);
    if (!cardNumber) return setProblem(cardProblem ?? '');
    if (!documentNumber.trim()) return setProblem('Type the passport or ID number.');
    const r = await processArrival({
      input: {
        id: uuid(),
        areaCode,
        cardNumber,
        documentNumber: documentNumber.trim(),
        flightNumber: flight.trim() || null,
        arrivedAt: new Date().toISOString(),
      },
    });
    if (r.data) {
      setCard('');
      setDocumentNumber('');
      setFlight('');
    }
  }

  async function onDeparture(e: FormEvent) {
    e.preventDefault();
    setProblem('');
    if (!areaCode) return setProblem('Choose the port-of-entry area first.');
    const { cardNumber, problem: cardProblem } = await cardNumberOf(departureCard);
    if (!cardNumber) return setProblem(cardProblem ?? '');
    const r = await processDeparture({
      input: {
        id: uuid(),
        areaCode,
        cardNumber,
        departedAt: new Date().toISOString(),
      },
    });
    if (r.data) setDepartureCard('');
  }

  const a = arrival.data?.processArrival;
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
      <div className="columns">
        <form onSubmit={(e) => void onArrival(e)} className="panel" aria-labelledby="arr-h">
          <h2 id="arr-h">Arrival</h2>
          <CardNumberInput label="Card number" value={card} onChange={setCard} allowToken />
          <div className="field">
            <label htmlFor="arr-doc">Passport or ID number</label>
            <input
              id="arr-doc"
              value={documentNumber}
              autoComplete="off"
              onChange={(e) => setDocumentNumber(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="arr-flight">Flight number (optional)</label>
            <input id="arr-flight" value={flight} onChange={(e) => setFlight(e.target.value)} />
          </div>
          <button type="submit" className="primary" disabled={arrival.fetching}>
            {arrival.fetching ? 'Checking…' : 'Process arrival'}
          </button>
          <ErrorAlert error={arrival.error} />
          {a && (
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
        </form>
        <form onSubmit={(e) => void onDeparture(e)} className="panel" aria-labelledby="dep-h">
          <h2 id="dep-h">Departure</h2>
          <CardNumberInput
            label="Departing card number"
            value={departureCard}
            onChange={setDepartureCard}
            allowToken
          />
          <button type="submit" disabled={departure.fetching}>
            {departure.fetching ? 'Recording…' : 'Record departure'}
          </button>
          <ErrorAlert error={departure.error} />
          {departure.data && (
            <p role="status" className="alert alert-ok">
              <span aria-hidden="true">✔ </span>
              Departure recorded: closed-loop status is now {departure.data.processDeparture.status}
              {departure.data.processDeparture.enteredAt &&
                ` (entered ${formatDateTime(departure.data.processDeparture.enteredAt)})`}
              .
            </p>
          )}
        </form>
      </div>
    </section>
  );
}
