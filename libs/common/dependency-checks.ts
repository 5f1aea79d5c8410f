import { Injectable } from '@nestjs/common';

/** Resolves true when the dependency answers; false or a rejection when it does not. */
export type DependencyProbe = () => Promise<boolean>;

/**
 * Dependencies besides the database that a service's /health reports (a message
 * broker, say). A provider registers its own at construction; /health probes each.
 */
@Injectable()
export class DependencyChecks {
  private readonly probes = new Map<string, DependencyProbe>();

  register(name: string, probe: DependencyProbe): void {
    this.probes.set(name, probe);
  }

  entries(): [string, DependencyProbe][] {
    return [...this.probes.entries()];
  }
}
