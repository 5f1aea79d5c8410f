import { type DynamicModule, Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import type { EntitySchema, MixedList } from 'typeorm';
import { AuditModule } from '#libs/audit/audit.module.js';
import { AuthModule } from '#libs/auth/auth.module.js';
import { AdjustableClock, Clock, ClockControlController, SystemClock } from '#libs/common/clock.js';
import { DependencyChecks } from '#libs/common/dependency-checks.js';
import { HealthController } from '#libs/common/health.controller.js';
import { createLogger } from '#libs/common/logger.js';
import { requestIdFrom } from '#libs/common/request-id.js';
import { ServiceConfig } from '#libs/common/service-config.js';
import { DatabaseModule } from '#libs/database/database.module.js';
import { MetricsModule } from '#libs/metrics/metrics.module.js';
import { AccessGuard } from '#libs/service/access.guard.js';

@Global()
@Module({})
class ConfigModule {
  static with(config: ServiceConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: ServiceConfig, useValue: config },
        { provide: config.constructor, useValue: config },
        {
          provide: Clock,
          useValue: config.TEST_CLOCK_CONTROL ? new AdjustableClock() : new SystemClock(),
        },
        DependencyChecks,
      ],
      exports: [ServiceConfig, config.constructor, Clock, DependencyChecks],
    };
  }
}

/**
 * What every service stands on: its validated configuration, JSON logs with
 * a request id per operation, its database pool, authentication, /health and /metrics.
 */
@Module({})
export class CoreModule {
  static forService(
    name: string,
    config: ServiceConfig,
    // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
    entities: MixedList<Function | string | EntitySchema>,
  ): DynamicModule {
    if (config.TEST_CLOCK_CONTROL && config.production) {
      throw new Error('TEST_CLOCK_CONTROL is for tests: refused with NODE_ENV=production');
    }
    return {
      module: CoreModule,
      imports: [
        ConfigModule.with(config),
        LoggerModule.forRoot({
          pinoHttp: {
            logger: createLogger(name),
            genReqId: (req) => requestIdFrom(req.headers['x-request-id']),
            autoLogging: { ignore: (req) => req.url === '/health' || req.url === '/metrics' },
            quietReqLogger: true,
          },
        }),
        DatabaseModule.forService(name, entities),
        AuthModule,
        AuditModule.forService(name),
        TerminusModule,
        MetricsModule.forService(name),
      ],
      // The access policy on every operation: no entry, no access.
      providers: [{ provide: APP_GUARD, useClass: AccessGuard }],
      controllers: config.TEST_CLOCK_CONTROL
        ? [HealthController, ClockControlController]
        : [HealthController],
    };
  }
}
