import { BadRequestException, Body, Controller, Post } from '@nestjs/common';

/**
 * Where domain time comes from (test due dates, close-contact expiry, "in the future"
 * checks). Services inject `Clock`; production binds it to the system's time. Only the
 * request proofs and logs read the system clock directly.
 */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/**
 * The system's time moved by an offset, for tests that live through days in seconds.
 * Bound only when TEST_CLOCK_CONTROL is set, which the configuration refuses in production.
 */
export class AdjustableClock extends Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  advance(ms: number): Date {
    this.offsetMs += ms;
    return this.now();
  }

  set(at: Date): Date {
    this.offsetMs = at.getTime() - Date.now();
    return this.now();
  }
}

/**
 * POST /test/clock {"advanceMs": n} or {"at": ISO instant}: moves the adjustable clock and
 * answers its time. Mounted only with TEST_CLOCK_CONTROL (never in production), and like
 * every path but /health it answers only requests carrying the gateway's proof.
 */
@Controller('test/clock')
export class ClockControlController {
  constructor(private readonly clock: Clock) {}

  @Post()
  move(@Body() body: { advanceMs?: unknown; at?: unknown }): { now: string } {
    if (!(this.clock instanceof AdjustableClock)) throw new BadRequestException('fixed clock');
    if (typeof body?.advanceMs === 'number' && Number.isFinite(body.advanceMs)) {
      return { now: this.clock.advance(body.advanceMs).toISOString() };
    }
    if (typeof body?.at === 'string' && !Number.isNaN(Date.parse(body.at))) {
      return { now: this.clock.set(new Date(body.at)).toISOString() };
    }
    if (body && Object.keys(body).length === 0) return { now: this.clock.now().toISOString() };
    throw new BadRequestException('advanceMs (number) or at (ISO instant) expected');
  }
}
