import { registerEnumType } from '@nestjs/graphql';

export enum ClosedLoopStatus {
  OUTSIDE = 'OUTSIDE',
  IN_LOOP = 'IN_LOOP',
  CLOSE_CONTACT = 'CLOSE_CONTACT',
  ISOLATED = 'ISOLATED',
  EXITED = 'EXITED',
}

registerEnumType(ClosedLoopStatus, {
  name: 'ClosedLoopStatus',
  description: `OUTSIDE: not yet arrived. IN_LOOP: validated on arrival, moving inside the
loop. CLOSE_CONTACT: in the loop, under closer watch (tests due twice as
often) until closeContactUntil. ISOLATED: after a positive test, admitted
nowhere until released. EXITED: departed.`,
});
