import type { MessageDescriptor } from 'react-intl';
import type { AreaKind, Decision, Direction, MovementKind } from '../gql/graphql';
import { defineMessages } from '../i18n/define';

/** A gate's verdict, as the screen shouts it. */
export const DECISION_NAMES: Readonly<Record<Decision, MessageDescriptor>> = defineMessages({
  ADMITTED: { id: 'decision.ADMITTED', defaultMessage: 'ADMITTED' },
  DENIED: { id: 'decision.DENIED', defaultMessage: 'DENIED' },
});

/** Which way a scan goes through a gate. */
export const DIRECTION_NAMES: Readonly<Record<Direction, MessageDescriptor>> = defineMessages({
  IN: { id: 'direction.IN', defaultMessage: 'Entry' },
  OUT: { id: 'direction.OUT', defaultMessage: 'Exit' },
});

/** Which way, in one short word, as a gate's answer and its toggle show it. */
export const DIRECTION_SHORT: Readonly<Record<Direction, MessageDescriptor>> = defineMessages({
  IN: { id: 'direction.short.IN', defaultMessage: 'IN' },
  OUT: { id: 'direction.short.OUT', defaultMessage: 'OUT' },
});

/** A movement in the closed loop's log. */
export const MOVEMENT_KIND_NAMES: Readonly<Record<MovementKind, MessageDescriptor>> =
  defineMessages({
    ENTRY: { id: 'movementKind.ENTRY', defaultMessage: 'ENTRY' },
    EXIT: { id: 'movementKind.EXIT', defaultMessage: 'EXIT' },
  });

/** Each kind of inspection area by its name, in the order the form offers them. */
export const AREA_KIND_NAMES: Readonly<Record<AreaKind, MessageDescriptor>> = defineMessages({
  VENUE: { id: 'areaKind.VENUE', defaultMessage: 'Venue' },
  VILLAGE: { id: 'areaKind.VILLAGE', defaultMessage: 'Village' },
  ACCOMMODATION: { id: 'areaKind.ACCOMMODATION', defaultMessage: 'Accommodation' },
  TRANSPORT: { id: 'areaKind.TRANSPORT', defaultMessage: 'Transport' },
  PORT_OF_ENTRY: { id: 'areaKind.PORT_OF_ENTRY', defaultMessage: 'Port of entry' },
});
