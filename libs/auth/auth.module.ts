import { Global, Module } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { Authenticator } from '#libs/auth/authenticator.js';
import { ServiceConfig } from '#libs/common/service-config.js';

/** Authentication of each request (the access guard is registered by libs/service). */
@Global()
@Module({
  providers: [
    {
      provide: Authenticator,
      inject: [DataSource, ServiceConfig, PinoLogger],
      useFactory: (dataSource: DataSource, config: ServiceConfig, logger: PinoLogger) =>
        new Authenticator(dataSource, config.JWT_SECRET, config.DATABASE_URL, logger),
    },
  ],
  exports: [Authenticator],
})
export class AuthModule {}
