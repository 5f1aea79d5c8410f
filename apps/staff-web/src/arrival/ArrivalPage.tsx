import { uuid } from '../api/uuid';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useClient, useMutation, useQuery } from 'urql';
import { ACCREDITATION_STATUS, LOOP_STATUS } from '../components/StatusBadge';
import { CATEGORY_NAMES } from '../accreditation/categories';
import {
  DepartingPersonQuery,
  ProcessArrivalMutation,
  ProcessDepartureMutation,
  VerificationKeysQuery,
} from '../api/operations';
import { describeErrorIn, fieldErrors } from '../api/errors';
import { AreaSelect } from '../components/AreaSelect';
import { CardNumberInput } from '../components/CardNumberInput';
import { cardInputState } from '../components/cardInput';
import { DecisionPanel } from '../components/DecisionPanel';
import { Dialog } from '../components/Dialog';
import { ErrorAlert } from '../components/ErrorAlert';
import { Field } from '../components/Field';
import { useFormat } from '../components/format';
import { flightNumberFine, normaliseFlightNumber } from './flight';

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
  const intl = useIntl();
  const { formatMessage } = intl;
  const format = useFormat();
  const flightProblem = (text: string) =>
    flightNumberFine(text)
      ? undefined
      : formatMessage({
          id: 'arrival.flightProblem',
          defaultMessage:
            'Flight number must be a flight number like CA123 (airline code, then up to 4 digits)',
        });
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
    if (state.kind !== 'token') {
      return { problem: formatMessage(state.text.message, state.text.values) };
    }
    const claims = await verifyCardToken(text, keys.data?.cardVerificationKeys ?? '');
    return claims
      ? { cardNumber: claims.cn }
      : {
          problem: formatMessage({
            id: 'arrival.tokenForged',
            defaultMessage:
              'The scanned card code does not verify: it is forged, altered or signed by an unknown key.',
          }),
        };
  }

  async function onArrival(e: FormEvent) {
    e.preventDefault();
    setProblem('');
    const found: Problems = {};
    const read = await cardNumberOf(card);
    if (!read.cardNumber) {
      found.cardNumber =
        read.problem ||
        formatMessage({ id: 'arrival.typeCard', defaultMessage: 'Type the card number.' });
    }
    if (!documentNumber.trim()) {
      found.documentNumber = formatMessage({
        id: 'arrival.typeDocument',
        defaultMessage: 'Type the passport or ID number.',
      });
    }
    const flightWrong = flightProblem(flight);
    if (flightWrong) found.flightNumber = flightWrong;
    const normalisedFlight = normaliseFlightNumber(flight);
    setFlight(normalisedFlight);
    setProblems(found);
    if (!areaCode) {
      return setProblem(
        formatMessage({
          id: 'arrival.chooseArea',
          defaultMessage: 'Choose the port-of-entry area first.',
        }),
      );
    }
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
          ...(reasons.includes('UNKNOWN_CARD')
            ? {
                cardNumber: formatMessage({
                  id: 'arrival.noSuchCard',
                  defaultMessage: 'No card has this number.',
                }),
              }
            : {}),
          ...(reasons.includes('DOCUMENT_MISMATCH')
            ? {
                documentNumber: formatMessage({
                  id: 'arrival.documentMismatch',
                  defaultMessage: 'Does not match the document on the accreditation.',
                }),
              }
            : {}),
        });
      }
    } else if (r.error) {
      const fields = fieldErrors(r.error);
      setProblems({
        ...(fields.cardNumber
          ? {
              cardNumber: formatMessage(
                { id: 'arrival.server.card', defaultMessage: 'Card number {problem}' },
                { problem: fields.cardNumber },
              ),
            }
          : {}),
        ...(fields.documentNumber
          ? {
              documentNumber: formatMessage(
                { id: 'arrival.server.document', defaultMessage: 'Document {problem}' },
                { problem: fields.documentNumber },
              ),
            }
          : {}),
        ...(fields.flightNumber
          ? {
              flightNumber: formatMessage(
                { id: 'arrival.server.flight', defaultMessage: 'Flight number {problem}' },
                { problem: fields.flightNumber },
              ),
            }
          : {}),
      });
    }
  }

  /** Asks first, naming the person the card belongs to. */
  async function onDeparture(e: FormEvent) {
    e.preventDefault();
    setProblem('');
    setDeparted('');
    if (!areaCode) {
      return setProblem(
        formatMessage({
          id: 'arrival.chooseArea',
          defaultMessage: 'Choose the port-of-entry area first.',
        }),
      );
    }
    const read = await cardNumberOf(departureCard);
    if (!read.cardNumber) {
      return setProblem(
        formatMessage(
          { id: 'arrival.cardProblem', defaultMessage: 'Card number: {problem}' },
          { problem: read.problem ?? '' },
        ),
      );
    }
    const departingCard = read.cardNumber;
    const found = await client
      .query(DepartingPersonQuery, { cardNumber: departingCard }, { requestPolicy: 'network-only' })
      .toPromise();
    if (found.error) return setProblem(describeErrorIn(intl, found.error));
    const person = found.data?.personByCard;
    if (!person) {
      return setProblem(
        formatMessage(
          { id: 'arrival.noCardNumber', defaultMessage: 'No card has the number {card}.' },
          { card: departingCard },
        ),
      );
    }
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
        formatMessage(
          {
            id: 'arrival.departed',
            defaultMessage:
              'Departure recorded: {name} (card {card}) has left; closed-loop status is now {status}.',
          },
          {
            name: who.name,
            card: who.cardNumber,
            status: formatMessage(LOOP_STATUS[r.data.processDeparture.status].name),
          },
        ),
      );
    }
  }

  const alreadyArrived = a?.alreadyArrivedAt
    ? formatMessage(
        {
          id: 'arrival.alreadyArrived',
          defaultMessage: '{who} already arrived at {when}: nothing was recorded again.',
        },
        {
          who: a.person
            ? `${a.person.givenName} ${a.person.familyName}`
            : formatMessage({ id: 'arrival.thisCard', defaultMessage: 'This card' }),
          when: format.dateTime(a.alreadyArrivedAt),
        },
      )
    : '';
  return (
    <section aria-labelledby="arrival-title">
      <h1 id="arrival-title">
        <FormattedMessage id="screen.arrival" defaultMessage="Arrival desk" />
      </h1>
      <AreaSelect
        id="arrival-area"
        label={formatMessage({ id: 'arrival.portOfEntry', defaultMessage: 'Port of entry' })}
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
          <h2 id="arr-h">
            <FormattedMessage id="arrival.arrival" defaultMessage="Arrival" />
          </h2>
          <CardNumberInput
            label={formatMessage({ id: 'arrival.cardNumber', defaultMessage: 'Card number' })}
            value={card}
            onChange={setCard}
            error={problems.cardNumber}
            allowToken
          />
          <Field
            id="arr-doc"
            label={formatMessage({
              id: 'person.documentNumber',
              defaultMessage: 'Passport or ID number',
            })}
            error={problems.documentNumber}
          >
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
            label={formatMessage({
              id: 'arrival.flight',
              defaultMessage: 'Flight number (optional)',
            })}
            hint={formatMessage({
              id: 'arrival.flightHint',
              defaultMessage: 'Like CA123; spaces and lower case are tidied.',
            })}
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
                  setProblems((old) => ({ ...old, flightNumber: flightProblem(flight) }));
                }}
              />
            )}
          </Field>
          <button type="submit" className="primary" disabled={arrival.fetching}>
            {arrival.fetching
              ? formatMessage({ id: 'import.checking', defaultMessage: 'Checking…' })
              : formatMessage({ id: 'arrival.submit', defaultMessage: 'Process arrival' })}
          </button>
        </form>
        <div
          className="arrival-verdict"
          ref={verdict}
          tabIndex={-1}
          aria-label={formatMessage({ id: 'arrival.verdict', defaultMessage: 'Arrival verdict' })}
        >
          {arrival.error && Object.keys(fieldErrors(arrival.error)).length === 0 && (
            <ErrorAlert error={arrival.error} />
          )}
          {a && alreadyArrived && (
            <section
              className="decision already"
              role="status"
              aria-label={formatMessage({
                id: 'arrival.decision',
                defaultMessage: 'Arrival decision',
              })}
            >
              <p className="decision-word">
                <span aria-hidden="true">ℹ </span>
                <FormattedMessage id="arrival.alreadyTitle" defaultMessage="Already arrived" />
              </p>
              <p>{alreadyArrived}</p>
            </section>
          )}
          {a && !alreadyArrived && (
            <DecisionPanel
              title={formatMessage({ id: 'arrival.decision', defaultMessage: 'Arrival decision' })}
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
                  ? formatMessage(
                      {
                        id: 'arrival.who',
                        defaultMessage:
                          '{name} · {organisation} · {category} · card {card} · now {status}',
                      },
                      {
                        name: `${a.person.givenName} ${a.person.familyName}`,
                        organisation: a.person.organisation.name,
                        category: Object.hasOwn(CATEGORY_NAMES, a.person.accreditation.category)
                          ? `${a.person.accreditation.category} · ${formatMessage(CATEGORY_NAMES[a.person.accreditation.category])}`
                          : a.person.accreditation.category,
                        card: a.person.accreditation.cardNumber,
                        status: formatMessage(
                          ACCREDITATION_STATUS[a.person.accreditation.status].name,
                        ),
                      },
                    )
                  : formatMessage({ id: 'arrival.cardNotKnown', defaultMessage: 'Card not known' })
              }
            />
          )}
        </div>
        <form onSubmit={(e) => void onDeparture(e)} className="panel" aria-labelledby="dep-h">
          <h2 id="dep-h">
            <FormattedMessage id="arrival.departure" defaultMessage="Departure" />
          </h2>
          <CardNumberInput
            label={formatMessage({
              id: 'arrival.departingCard',
              defaultMessage: 'Departing card number',
            })}
            value={departureCard}
            onChange={setDepartureCard}
            allowToken
          />
          <button type="submit" disabled={departure.fetching}>
            {departure.fetching
              ? formatMessage({ id: 'arrival.recording', defaultMessage: 'Recording…' })
              : formatMessage({
                  id: 'arrival.recordDeparture',
                  defaultMessage: 'Record departure…',
                })}
          </button>
          <ErrorAlert error={departure.error} />
          {departed && <SuccessNote>{departed}</SuccessNote>}
        </form>
      </div>
      {departing && (
        <Dialog
          title={formatMessage(
            { id: 'arrival.confirmTitle', defaultMessage: 'Record the departure of {name}?' },
            { name: departing.name },
          )}
          onClose={() => setDeparting(null)}
          actions={
            <>
              <button type="button" onClick={() => setDeparting(null)}>
                <FormattedMessage id="common.cancel" defaultMessage="Cancel" />
              </button>
              <button type="button" className="primary" onClick={() => void confirmDeparture()}>
                <FormattedMessage id="arrival.confirm" defaultMessage="Record departure" />
              </button>
            </>
          }
        >
          <p>
            <FormattedMessage
              id="arrival.confirmText"
              defaultMessage="{name} ({organisation}, card {card}) leaves the closed loop: closed-loop areas admit the card again only after a new arrival."
              values={{
                name: departing.name,
                organisation: departing.organisation,
                card: departing.cardNumber,
              }}
            />
          </p>
        </Dialog>
      )}
    </section>
  );
}
