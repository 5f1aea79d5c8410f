// Checks on what partners send to the movement log, before anything is looked up or written.
import { Ajv } from 'ajv';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { FieldProblem } from '#libs/common/errors.js';
import { isUuid } from '#libs/common/ids.js';
import { fieldProblems } from '#libs/graphql/validation.pipe.js';
import { windowProblems } from '#libs/movement/query-window.js';
import {
  RECORD_MOVEMENT_INPUT_SCHEMA,
  RecordMovementInput,
} from '#apps/movement/movement.types.js';

/** Devices' clocks drift; an event further ahead than this is refused. */
const MAX_FUTURE_MS = 60 * 60 * 1000;
const EARLIEST = Date.parse('2000-01-01T00:00:00Z');
/** The longest window stays() looks at, to keep it an index range (contacts: libs/movement/query-window.ts). */
export const MAX_STAYS_WINDOW_DAYS = 400;

export function isValidDate(value: unknown): value is Date {
  return value instanceof Date && !Number.isNaN(value.getTime());
}

/** Checks a [from, to) window given as query arguments. */
export const checkWindow = windowProblems;

/** The rows' own rules for a whole batch, compiled once (see RECORD_MOVEMENT_INPUT_SCHEMA). */
const rowsPassRules = new Ajv({ unicodeRegExp: true, strict: true }).compile({
  type: 'array',
  items: RECORD_MOVEMENT_INPUT_SCHEMA,
});

/** The compiled check of a batch: true only when every row passes its input class's rules. */
export function compiledRulesAccept(inputs: readonly RecordMovementInput[]): boolean {
  return rowsPassRules(inputs) && inputs.every((input) => isValidDate(input.occurredAt));
}

/**
 * Each row's own rules (the input class's decorators), by row: the whole batch through the
 * compiled check first (and its dates, which JSON Schema cannot see), and row by row through
 * class-validator only when that fails, to name every problem. Null when every row passes.
 */
export function rowRuleProblems(
  inputs: readonly RecordMovementInput[],
  fieldOf: (i: number) => string,
): FieldProblem[][] | null {
  if (compiledRulesAccept(inputs)) return null;
  return inputs.map((input, i) =>
    fieldProblems(
      validateSync(
        input instanceof RecordMovementInput
          ? input
          : plainToInstance(RecordMovementInput, input as object),
        { forbidUnknownValues: false },
      ),
      fieldOf(i),
    ),
  );
}

/**
 * Every problem of a batch of events, named by field: each input's own rules, exactly one
 * of personId and cardNumber, a plausible occurredAt, and one id never given two contents.
 */
export function movementInputProblems(
  inputs: readonly RecordMovementInput[],
  fieldOf: (i: number) => string,
): FieldProblem[] {
  const ruled = rowRuleProblems(inputs, fieldOf);
  const problems: FieldProblem[] = [];
  const now = Date.now();
  const seen = new Map<string, RecordMovementInput>();
  inputs.forEach((input, i) => {
    const prefix = fieldOf(i);
    if (ruled) problems.push(...ruled[i]);
    const hasPerson = input.personId != null;
    const hasCard = input.cardNumber != null;
    if (hasPerson === hasCard) {
      problems.push({
        field: `${prefix}.${hasPerson ? 'cardNumber' : 'personId'}`,
        message: 'give exactly one of personId and cardNumber',
      });
    }
    if (isValidDate(input.occurredAt)) {
      const at = input.occurredAt.getTime();
      if (at > now + MAX_FUTURE_MS) {
        problems.push({ field: `${prefix}.occurredAt`, message: 'must not be in the future' });
      } else if (at < EARLIEST) {
        problems.push({ field: `${prefix}.occurredAt`, message: 'must be after 2000-01-01' });
      }
    }
    if (isUuid(input.id)) {
      const twin = seen.get(input.id.toLowerCase());
      if (
        twin &&
        (twin.personId !== input.personId ||
          twin.cardNumber !== input.cardNumber ||
          twin.location !== input.location ||
          twin.kind !== input.kind ||
          twin.occurredAt?.getTime() !== input.occurredAt?.getTime())
      ) {
        problems.push({
          field: `${prefix}.id`,
          message: 'is given twice in this call with different content',
        });
      }
      seen.set(input.id.toLowerCase(), input);
    }
  });
  return problems;
}
