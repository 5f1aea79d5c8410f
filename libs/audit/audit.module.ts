import { type DynamicModule, Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AuditInterceptor } from '#libs/audit/audit.interceptor.js';
import { AuditWriter } from '#libs/audit/audit.writer.js';

/** The audit trail: every mutation is recorded; resolvers record reads of sensitive fields. */
@Global()
@Module({})
export class AuditModule {
  static forService(service: string): DynamicModule {
    return {
      module: AuditModule,
      providers: [
        AuditWriter,
        { provide: 'AUDIT_SERVICE_NAME', useValue: service },
        { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
        {
          provide: 'AUDIT_SETUP',
          inject: [AuditWriter, 'AUDIT_SERVICE_NAME'],
          useFactory: (writer: AuditWriter, name: string) => {
            writer.service = name;
            return true;
          },
        },
      ],
      exports: [AuditWriter],
    };
  }
}
