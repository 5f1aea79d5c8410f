import type { DocumentNode } from 'graphql';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { operationLabel, type Metrics } from '#libs/metrics/metrics.js';

function hasErrors(result: unknown): boolean {
  const errors = (result as { errors?: readonly unknown[] } | null)?.errors;
  return Array.isArray(errors) && errors.length > 0;
}

/**
 * Counts and times every operation the gateway executes, labelled by type and root fields.
 * A subscription is counted when it starts; a document that fails validation (or a limit)
 * is counted as an error.
 */
export function useOperationMetrics(metrics: Metrics): GatewayPlugin {
  return {
    onValidate({ params }) {
      return ({ valid }) => {
        if (!valid) {
          metrics.operations.inc({
            operation: operationLabel(params.documentAST as DocumentNode),
            outcome: 'error',
          });
        }
      };
    },
    onExecute({ args }) {
      const started = performance.now();
      const label = operationLabel(
        args.document as DocumentNode,
        args.operationName as string | undefined,
      );
      return {
        onExecuteDone({ result }) {
          const seconds = (performance.now() - started) / 1000;
          const failed = !(Symbol.asyncIterator in (result as object)) && hasErrors(result);
          metrics.observeOperation(label, failed ? 'error' : 'ok', seconds);
        },
      };
    },
    onSubscribe({ args }) {
      const label = operationLabel(
        args.document as DocumentNode,
        args.operationName as string | undefined,
      );
      metrics.observeOperation(label, 'ok', 0);
    },
  };
}
