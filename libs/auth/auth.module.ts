import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PinoLogger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { Authenticator } from '#libs/auth/authenticator.js';
import { ServiceConfig } from '#libs/common/service-config.js';
import { AccessGuard } from '#libs/graphql/access.guard.js';

/** Authentication of each request and the access policy guard on every operation. */
@Global()
@Module({
  providers: [
    {
      provide: Authenticator,
      inject: [DataSource, ServiceConfig, PinoLogger],
      useFactory: (dataSource: DataSource, config: ServiceConfig, logger: PinoLogger) =>
        new Authenticator(dataSource, config.JWT_SECRET, config.DATABASE_URL, logger),
    },
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [Authenticator],
})
export class AuthModule {}
