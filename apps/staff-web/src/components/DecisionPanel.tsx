import type { ReactNode } from 'react';
import type { Decision, DenialReason } from '../gql/graphql';
import { FormattedMessage, useIntl } from 'react-intl';
import { reasonIn } from '../gate/reasons';
import { DECISION_NAMES } from './vocabulary';

interface Props {
  title: string;
  decision: Decision;
  reasons: readonly DenialReason[];
  who?: string;
  /** Shown beside the decision (the holder's portrait). */
  aside?: ReactNode;
}

/** A decision with its icon, word and every reason: never colour alone. */
export function DecisionPanel({ title, decision, reasons, who, aside }: Props) {
  const intl = useIntl();
  const admitted = decision === 'ADMITTED';
  return (
    <section
      className={`decision ${admitted ? 'admitted' : 'denied'}`}
      role="status"
      aria-label={title}
    >
      {aside}
      <p className="decision-word">
        <span aria-hidden="true">{admitted ? '✔ ' : '✖ '}</span>
        <FormattedMessage {...DECISION_NAMES[decision]} />
      </p>
      {who && <p>{who}</p>}
      {reasons.length > 0 && (
        <ul
          aria-label={intl.formatMessage({
            id: 'gate.reasonsLabel',
            defaultMessage: 'Reasons for denial',
          })}
        >
          {reasons.map((r) => (
            <li key={r}>{reasonIn(intl, r)}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
