/**
 * A fixed piece of Node work, timed: the same machine gives a different speed from one day
 * to the next (a shared host's neighbours, another CPU model), by as much as a goal's
 * margin. Every benchmark prints this figure beside its own, so runs of different days are
 * compared by it and not taken for a change of the code. Lower is faster.
 */
export function machineReferenceMs(): number {
  // JSON text and objects of the shapes the services move, built, written and read back:
  // strings, numbers, small objects, their garbage.
  const rows = Array.from({ length: 10_000 }, (_, i) => ({
    id: `0194b1c2-7d3e-7a00-8000-${String(i).padStart(12, '0')}`,
    location: `venue-${i % 500}`,
    kind: i % 2 === 0 ? 'ENTRY' : 'EXIT',
    occurredAt: new Date(1_767_225_600_000 + i * 60_000).toISOString(),
    minutes: i % 97,
  }));
  const timings: number[] = [];
  for (let round = 0; round < 7; round++) {
    const started = performance.now();
    let length = 0;
    for (let pass = 0; pass < 4; pass++) {
      const text = JSON.stringify(rows);
      const parsed = JSON.parse(text) as typeof rows;
      parsed.sort((a, b) => (a.location < b.location ? -1 : a.location > b.location ? 1 : 0));
      length += text.length + parsed.length;
    }
    if (length === 0) throw new Error('unreachable: keeps the work from being optimised away');
    timings.push(performance.now() - started);
  }
  return timings.sort((a, b) => a - b)[Math.floor(timings.length / 2)];
}
