import { Controller, Get } from '@nestjs/common';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { DependencyChecks } from '#libs/common/dependency-checks.js';

const PROBE_TIMEOUT_MS = 2000;

function withTimeout(probe: () => Promise<boolean>): Promise<boolean> {
  return Promise.race([
    probe().catch(() => false),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), PROBE_TIMEOUT_MS).unref()),
  ]);
}

/**
 * GET /health: 200 when the service can reach its database, 503 otherwise; the body names
 * each dependency and whether it is up (`info`) or down (`error`). The process stays up
 * without its database and answers 200 again once the pool reconnects. A broker that is
 * down (the live feed between instances) is reported `degraded` without failing the check:
 * the service still records everything, only live feeds on other instances miss messages.
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly dependencies: DependencyChecks,
  ) {}

  @Get()
  @HealthCheck()
  check() {
    return this.health.check([
      () => this.database.pingCheck('database', { timeout: PROBE_TIMEOUT_MS }),
      ...this.dependencies.entries().map(([name, probe]) => async () => {
        const indicator = this.indicators.check(name);
        return (await withTimeout(probe)) ? indicator.up() : indicator.degraded();
      }),
    ]);
  }
}
