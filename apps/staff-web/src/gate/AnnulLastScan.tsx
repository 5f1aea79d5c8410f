import { useState } from 'react';
import { useMutation, type CombinedError } from 'urql';
import { AnnulCheckInMutation } from '../api/operations';
import { describeError } from '../api/errors';
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
  const who = scan.personName ?? 'the unknown card';
  const what = `${scan.decision === 'ADMITTED' ? 'admitted' : 'refused'} ${
    scan.direction === 'IN' ? 'entry' : 'exit'
  }`;

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
      setDone(`Scan annulled: ${who} is no longer counted at ${scan.areaName}.`);
    }
  }

  return (
    <section aria-labelledby="last-scan-title" className="panel">
      <h2 id="last-scan-title">Last scan</h2>
      <p>
        {scan.decision} · {who} · {scan.direction === 'IN' ? 'entry' : 'exit'} at {scan.areaName}
      </p>
      {!done && (
        <button type="button" onClick={() => onAsking(true)} disabled={fetching}>
          Annul this scan…
        </button>
      )}
      {done && <SuccessNote>{done}</SuccessNote>}
      {error && <ErrorAlert text={`Not annulled. ${describeError(error)}`} />}
      {asking && (
        <Dialog
          title="Annul this scan?"
          onClose={() => onAsking(false)}
          actions={
            <>
              <button type="button" onClick={() => onAsking(false)}>
                Keep the scan
              </button>
              <button
                type="button"
                className="danger"
                disabled={!reason.trim() || fetching}
                onClick={() => void confirm()}
              >
                {fetching ? 'Annulling…' : 'Annul the scan'}
              </button>
            </>
          }
        >
          <p>
            The {what} of {who} at {scan.areaName} will be struck out as a mistake: it no longer
            counts for stays, presence, occupancy or contacts. The scan stays on record, marked
            annulled with your reason. This cannot be undone.
          </p>
          <div className="field">
            <label htmlFor="annul-reason">Reason (required)</label>
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
