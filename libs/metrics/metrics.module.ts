import { Controller, Get, Global, Headers, Module, type DynamicModule, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { ServiceConfig } from '#libs/common/service-config.js';
import { Metrics, metricsScrapeAllowed, type PoolFigures } from '#libs/metrics/metrics.js';

/**
 * GET /metrics: the Prometheus text exposition of this process. It needs no gateway proof
 * (a scraper is not the gateway) but the METRICS_TOKEN bearer; without METRICS_TOKEN it is off.
 */
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: Metrics,
    private readonly config: ServiceConfig,
  ) {}

  @Get()
  async scrape(
    @Headers('authorization') authorization: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    if (!this.config.METRICS_TOKEN) {
      res.status(404).json({ message: 'Not found' });
      return;
    }
    if (!metricsScrapeAllowed(this.config.METRICS_TOKEN, authorization)) {
      res.status(401).set('www-authenticate', 'Bearer').json({ message: 'Unauthorized' });
      return;
    }
    const { contentType, body } = await this.metrics.render();
    res.status(200).set('content-type', contentType).send(body);
  }
}

/** The service's Metrics (one per process), its database pool gauges and /metrics. */
@Global()
@Module({})
export class MetricsModule {
  static forService(name: string): DynamicModule {
    return {
      module: MetricsModule,
      providers: [
        {
          provide: Metrics,
          inject: [DataSource],
          useFactory: (dataSource: DataSource) => {
            const metrics = new Metrics(name);
            metrics.watchPool(
              () => (dataSource.driver as unknown as { master?: PoolFigures }).master,
            );
            return metrics;
          },
        },
      ],
      controllers: [MetricsController],
      exports: [Metrics],
    };
  }
}
