import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { ApolloFederationDriver, type ApolloFederationDriverConfig } from '@nestjs/apollo';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
} from '@apollo/server/plugin/disabled';
import type { Request } from 'express';
import { PinoLogger } from 'nestjs-pino';
import { Authenticator } from '#libs/auth/authenticator.js';
import { socketHasGatewayProof } from '#libs/auth/gateway-proof.js';
import { ServiceConfig } from '#libs/common/service-config.js';
import { createErrorFormatter } from '#libs/graphql/format-error.js';
import { DateTimeScalarProvider } from '#libs/graphql/scalars.js';
import { Metrics, operationMetricsPlugin } from '#libs/metrics/metrics.js';
import type { RequestContext } from '#libs/graphql/context.js';
import { guardFederationRootFields } from '#libs/graphql/federation-fields.guard.js';

/** Builds the per-request DataLoaders of a service. */
export interface LoaderFactory<L = unknown> {
  create(): L;
}

/**
 * The Federation 2 version our subgraphs declare. The static composition
 * (@theguild/federation-composition) accepts up to v2.9.
 */
export const FEDERATION_IMPORT_URL = 'https://specs.apollo.dev/federation/v2.9';

/** The federation directives of v2.9 we may use (Nest's default list names later ones). */
const FEDERATION_DIRECTIVES = [
  '@key',
  '@shareable',
  '@external',
  '@requires',
  '@provides',
  '@override',
  '@inaccessible',
  '@tag',
  '@extends',
  '@composeDirective',
  '@interfaceObject',
];

export interface SubgraphOptions {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  orphanedTypes?: Function[];
  loaders: Type<LoaderFactory>;
  /** Module that provides the loader factory. */
  imports?: DynamicModule['imports'];
  /** Serve subscriptions over graphql-ws on /graphql (authenticated by connectionParams). */
  subscriptions?: boolean;
}

interface WsContext {
  connectionParams?: Record<string, unknown>;
  extra?: { request?: Request };
}

export function clientAddressOf(req: Request): string | null {
  const forwarded = req.headers['x-forwarded-for'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return first || req.socket?.remoteAddress || null;
}

function authorizationOf(ctx: { connectionParams?: Record<string, unknown> }): string | undefined {
  const params = ctx.connectionParams ?? {};
  const value = params.authorization ?? params.Authorization;
  return typeof value === 'string' ? value : undefined;
}

/** A code-first Apollo Federation 2 subgraph at /graphql, with our context and error policy. */
@Module({})
export class SubgraphModule {
  static forRoot(options: SubgraphOptions): DynamicModule {
    return {
      module: SubgraphModule,
      // Strict DateTime for every Date field (libs/graphql/scalars.ts).
      providers: [DateTimeScalarProvider],
      imports: [
        GraphQLModule.forRootAsync<ApolloFederationDriverConfig>({
          driver: ApolloFederationDriver,
          imports: options.imports,
          inject: [Authenticator, ServiceConfig, PinoLogger, options.loaders, Metrics],
          useFactory: (
            authenticator: Authenticator,
            config: ServiceConfig,
            logger: PinoLogger,
            loaders: LoaderFactory,
            metrics: Metrics,
          ) => ({
            path: '/graphql',
            autoSchemaFile: {
              federation: {
                version: 2,
                importUrl: FEDERATION_IMPORT_URL,
                directives: FEDERATION_DIRECTIVES,
              },
            },
            sortSchema: true,
            buildSchemaOptions: { orphanedTypes: options.orphanedTypes ?? [] },
            transformSchema: guardFederationRootFields,
            playground: false,
            // Tracing data in every response is overhead nobody reads here, and so are cache
            // hints: the cache-control plugin hooks every field of every answer (a third of
            // the execution time of a contacts answer of thousands of objects).
            plugins: [
              ApolloServerPluginInlineTraceDisabled(),
              ApolloServerPluginCacheControlDisabled(),
              operationMetricsPlugin(metrics),
            ],
            introspection: !config.production,
            includeStacktraceInErrorResponses: false,
            // No "Did you mean" naming fields or enum values in production.
            hideSchemaDetailsFromClientErrors: config.production,
            formatError: createErrorFormatter(logger.logger),
            subscriptions: options.subscriptions
              ? {
                  'graphql-ws': {
                    path: '/graphql',
                    // Refuse the socket itself when it is not the gateway's. The caller's
                    // credentials are judged per subscription, like every request (missing or
                    // refused: UNAUTHENTICATED), so the gateway gets an answer to pass on
                    // rather than a closed socket it would retry.
                    onConnect: (ctx: { connectionParams?: Record<string, unknown> }) =>
                      socketHasGatewayProof(config.GATEWAY_SECRET, ctx.connectionParams),
                  },
                }
              : undefined,
            context: async (args: { req?: Request } & WsContext): Promise<RequestContext> => {
              const req = args.req ?? args.extra?.request;
              const authorization = args.req
                ? args.req.headers.authorization
                : authorizationOf(args);
              return {
                principal: await authenticator.authenticate(authorization),
                reauthenticate: () => authenticator.authenticate(authorization),
                clientAddress: req ? clientAddressOf(req) : null,
                requestId: typeof req?.id === 'string' ? req.id : '',
                loaders: loaders.create(),
              };
            },
          }),
        }),
      ],
    };
  }
}
