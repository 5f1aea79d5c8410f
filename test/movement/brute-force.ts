import type { ContactRecord, EncounterRecord } from '#libs/movement/contacts.js';

/** A movement event as the oracle reads it: nothing of the production stay code is used. */
export interface OracleEvent {
  id: string;
  personId: string;
  location: string;
  /** ENTRY or EXIT. */
  kind: string;
  occurredAt: Date;
  recordedAt: Date;
}

/** Where the person is from each instant on: [at, location or null], in time order. */
function whereabouts(events: readonly OracleEvent[]): { at: number; location: string | null }[] {
  const ordered = [...events].sort((a, b) => {
    const byTime = a.occurredAt.getTime() - b.occurredAt.getTime();
    if (byTime !== 0) return byTime;
    const byRecording = a.recordedAt.getTime() - b.recordedAt.getTime();
    if (byRecording !== 0) return byRecording;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
  const steps: { at: number; location: string | null }[] = [];
  let here: string | null = null;
  for (const e of ordered) {
    // An ENTRY puts the person there (where they were before, they have left);
    // an EXIT takes them out only of the place they are in.
    if (e.kind === 'ENTRY') here = e.location;
    else if (here === e.location) here = null;
    const last = steps[steps.length - 1];
    if (last && last.at === e.occurredAt.getTime()) last.location = here;
    else steps.push({ at: e.occurredAt.getTime(), location: here });
  }
  return steps;
}

/** The spans [from, until) spent at each place, from the whereabouts (until Infinity when open). */
function spans(events: readonly OracleEvent[]): { location: string; f: number; u: number }[] {
  const steps = whereabouts(events);
  const out: { location: string; f: number; u: number }[] = [];
  steps.forEach((step, i) => {
    const next = steps[i + 1]?.at ?? Infinity;
    if (step.location !== null && step.at < next) {
      out.push({ location: step.location, f: step.at, u: next });
    }
  });
  return out;
}

/**
 * Contacts the slow, obvious way, straight from the domain rule: walk everyone's
 * whereabouts over all their events (however old), intersect each other person's
 * time at a place with the subject's within [from, to), merge overlaps that touch,
 * floor each to whole minutes, sum, keep those at or above minMinutes, most minutes first.
 */
export function bruteForceContacts(
  events: readonly OracleEvent[],
  subject: string,
  from: Date,
  to: Date,
  minMinutes: number,
): ContactRecord[] {
  const byPerson = new Map<string, OracleEvent[]>();
  for (const e of events) {
    const list = byPerson.get(e.personId) ?? [];
    list.push(e);
    byPerson.set(e.personId, list);
  }
  const mine = spans(byPerson.get(subject) ?? []);
  const contacts: ContactRecord[] = [];
  for (const [personId, theirEvents] of byPerson) {
    if (personId === subject) continue;
    const pieces: { location: string; f: number; u: number }[] = [];
    for (const theirs of spans(theirEvents)) {
      for (const own of mine) {
        if (own.location !== theirs.location) continue;
        const f = Math.max(own.f, theirs.f, from.getTime());
        const u = Math.min(own.u, theirs.u, to.getTime());
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

/** A stay as the oracle states it: [f, u) at a place, u Infinity while open. */
export interface OracleStay {
  location: string;
  f: number;
  u: number;
}

/**
 * Joins the spans of one person that meet at one place (the whereabouts split a stay at
 * every event, whatever it changed) and leaves out those of no length.
 */
export function joinedStays(spansInOrder: readonly OracleStay[]): OracleStay[] {
  const joined: OracleStay[] = [];
  for (const s of spansInOrder) {
    if (s.f >= s.u) continue;
    const last = joined[joined.length - 1];
    if (last && last.location === s.location && last.u === s.f) last.u = s.u;
    else joined.push({ ...s });
  }
  return joined;
}

/** Everyone's stays the slow, obvious way, from the raw log: person id → stays in time order. */
export function bruteForceStays(events: readonly OracleEvent[]): Map<string, OracleStay[]> {
  const byPerson = new Map<string, OracleEvent[]>();
  for (const e of events) byPerson.set(e.personId, [...(byPerson.get(e.personId) ?? []), e]);
  const stays = new Map<string, OracleStay[]>();
  for (const [personId, theirs] of byPerson) {
    const joined = joinedStays(spans(theirs));
    if (joined.length > 0) stays.set(personId, joined);
  }
  return stays;
}
