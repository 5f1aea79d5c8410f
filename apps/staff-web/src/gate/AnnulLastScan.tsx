import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useMutation, type CombinedError } from 'urql';
import { DECISION_NAMES, DIRECTION_NAMES } from '../components/vocabulary';
import { AnnulCheckInMutation } from '../api/operations';
import { describeErrorIn } from '../api/errors';
import { Dialog } from '../components/Dialog';
import { ErrorAlert } from '../components/ErrorAlert';
import type { Decision, Direction } from '../gql/graphql';
import { SuccessNote } from '../components/SuccessNote';

/** The scan just made online: the one a gate may annul as a mistake. */
export interface LastScan {
  id: string;
  decision: Decision;
  direction: Direction;
  areaName: string;
  /** The person's name, or null for an unknown card. */
  personName: string | null;
}

interface Props {
  scan: LastScan;
  /** Opens the dialog straight away (the verdict's "Annul this scan" button). */
  asking: boolean;
  onAsking: (asking: boolean) => void;
}

/**
 * "Annul this scan" for the scan just made: a reason and a confirmation, then
 * annulCheckIn; the server refuses after 15 minutes or a second time (CONFLICT).
 */
export function AnnulLastScan({ scan, asking, onAsking }: Props) {
  const [{ fetching }, annul] = useMutation(AnnulCheckInMutation);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<CombinedError | undefined>();
  const [done, setDone] = useState('');
  const intl = useIntl();
  const { formatMessage } = intl;
  const who =
    scan.personName ??
    formatMessage({ id: 'annul.unknownCard', defaultMessage: 'the unknown card' });

  async function confirm() {
    const why = reason.trim();
    if (!why) return;
    setError(undefined);
    const result = await annul({ id: scan.id, reason: why });
    onAsking(false);
    if (result.error) {
      setError(result.error);
    } else {
      setReason('');
      setDone(
        formatMessage(
          {
            id: 'annul.done',
            defaultMessage: 'Scan annulled: {who} is no longer counted at {area}.',
          },
          { who, area: scan.areaName },
        ),
      );
    }
  }

  return (
    <section aria-labelledby="last-scan-title" className="panel">
      <h2 id="last-scan-title">
        <FormattedMessage id="annul.lastScan" defaultMessage="Last scan" />
      </h2>
      <p>
        <FormattedMessage
          id="annul.summary"
          defaultMessage="{decision} · {who} · {direction} at {area}"
          values={{
            decision: formatMessage(DECISION_NAMES[scan.decision]),
            who,
            direction: formatMessage(DIRECTION_NAMES[scan.direction]),
            area: scan.areaName,
          }}
        />
      </p>
      {!done && (
        <button type="button" onClick={() => onAsking(true)} disabled={fetching}>
          <FormattedMessage id="annul.open" defaultMessage="Annul this scan…" />
        </button>
      )}
      {done && <SuccessNote>{done}</SuccessNote>}
      {error && (
        <ErrorAlert
          text={formatMessage(
            { id: 'annul.failed', defaultMessage: 'Not annulled. {problem}' },
            { problem: describeErrorIn(intl, error) },
          )}
        />
      )}
      {asking && (
        <Dialog
          title={formatMessage({ id: 'annul.title', defaultMessage: 'Annul this scan?' })}
          onClose={() => onAsking(false)}
          actions={
            <>
              <button type="button" onClick={() => onAsking(false)}>
                <FormattedMessage id="annul.keep" defaultMessage="Keep the scan" />
              </button>
              <button
                type="button"
                className="danger"
                disabled={!reason.trim() || fetching}
                onClick={() => void confirm()}
              >
                {fetching
                  ? formatMessage({ id: 'annul.annulling', defaultMessage: 'Annulling…' })
                  : formatMessage({ id: 'annul.confirm', defaultMessage: 'Annul the scan' })}
              </button>
            </>
          }
        >
          <p>
            <FormattedMessage
              id="annul.explained"
              defaultMessage="The {decision, select, ADMITTED {admitted} other {refused}} {direction, select, IN {entry} other {exit}} of {who} at {area} will be struck out as a mistake: it no longer counts for stays, presence, occupancy or contacts. The scan stays on record, marked annulled with your reason. This cannot be undone."
              values={{
                decision: scan.decision,
                direction: scan.direction,
                who,
                area: scan.areaName,
              }}
            />
          </p>
          <div className="field">
            <label htmlFor="annul-reason">
              <FormattedMessage id="annul.reason" defaultMessage="Reason (required)" />
            </label>
            <textarea
              id="annul-reason"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              rows={2}
            />
          </div>
        </Dialog>
      )}
    </section>
  );
}
