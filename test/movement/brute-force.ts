import type { ContactRecord, EncounterRecord } from '#libs/movement/contacts.js';
import { deriveStays, type MovementPoint } from '#libs/movement/stays.js';

/**
 * Contacts the slow, obvious way, straight from the domain rule: derive
 * everyone's stays, intersect each other person's with the subject's at the
 * same place within [from, to), merge overlaps that touch, floor each to
 * whole minutes, sum, keep those at or above minMinutes, most minutes first.
 */
export function bruteForceContacts(
  events: readonly (MovementPoint & { personId: string })[],
  subject: string,
  from: Date,
  to: Date,
  minMinutes: number,
): ContactRecord[] {
  const byPerson = new Map<string, MovementPoint[]>();
  for (const e of events) {
    const list = byPerson.get(e.personId) ?? [];
    list.push(e);
    byPerson.set(e.personId, list);
  }
  const end = (d: Date | null) => (d ? d.getTime() : Infinity);
  const mine = deriveStays(byPerson.get(subject) ?? []);
  const contacts: ContactRecord[] = [];
  for (const [personId, theirEvents] of byPerson) {
    if (personId === subject) continue;
    const pieces: { location: string; f: number; u: number }[] = [];
    for (const theirs of deriveStays(theirEvents)) {
      for (const own of mine) {
        if (own.location !== theirs.location) continue;
        const f = Math.max(own.from.getTime(), theirs.from.getTime(), from.getTime());
        const u = Math.min(end(own.until), end(theirs.until), to.getTime());
        if (f < u) pieces.push({ location: own.location, f, u });
      }
    }
    pieces.sort((a, b) => (a.location < b.location ? -1 : a.location > b.location ? 1 : a.f - b.f));
    const merged: { location: string; f: number; u: number }[] = [];
    for (const p of pieces) {
      const last = merged[merged.length - 1];
      if (last && last.location === p.location && p.f <= last.u) last.u = Math.max(last.u, p.u);
      else merged.push({ ...p });
    }
    const encounters: EncounterRecord[] = merged
      .map((m) => ({
        location: m.location,
        from: new Date(m.f),
        until: new Date(m.u),
        minutes: Math.floor((m.u - m.f) / 60_000),
      }))
      .sort(
        (a, b) =>
          a.from.getTime() - b.from.getTime() ||
          (a.location < b.location ? -1 : a.location > b.location ? 1 : 0),
      );
    if (encounters.length === 0) continue;
    const totalMinutes = encounters.reduce((sum, e) => sum + e.minutes, 0);
    if (totalMinutes >= minMinutes) contacts.push({ personId, totalMinutes, encounters });
  }
  return contacts.sort(
    (a, b) =>
      b.totalMinutes - a.totalMinutes ||
      (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0),
  );
}
