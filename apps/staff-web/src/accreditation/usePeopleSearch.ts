import { useCallback, useEffect, useRef, useState } from 'react';
import { useClient, type CombinedError } from 'urql';
import { PeopleQuery } from '../api/operations';
import type { PeopleFilter, PeopleQuery as PeopleResult } from '../gql/graphql';

export type PersonRow = PeopleResult['people']['nodes'][number];

export const PAGE_SIZE = 20;
export const DEBOUNCE_MS = 300;

/** Waits until the value has not changed for `ms`. */
export function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const t = window.setTimeout(() => setDebounced(value), ms);
    return () => window.clearTimeout(t);
  }, [value, ms]);
  return debounced;
}

/**
 * People matching a filter, a page at a time (after/endCursor); a newer search
 * replaces an older one even when the older answer comes back last.
 */
export function usePeopleSearch(filter: PeopleFilter, enabled = true) {
  const client = useClient();
  const [rows, setRows] = useState<PersonRow[]>([]);
  const [totalCount, setTotalCount] = useState<number | null>(null);
  const [endCursor, setEndCursor] = useState<string | null>(null);
  const [hasNextPage, setHasNextPage] = useState(false);
  const [fetching, setFetching] = useState(false);
  const [error, setError] = useState<CombinedError | undefined>();
  const generation = useRef(0);
  const key = JSON.stringify(filter);

  const load = useCallback(
    async (after: string | null, append: boolean) => {
      const mine = ++generation.current;
      setFetching(true);
      const result = await client
        .query(
          PeopleQuery,
          { filter: JSON.parse(key) as PeopleFilter, first: PAGE_SIZE, after },
          { requestPolicy: 'network-only' },
        )
        .toPromise();
      if (mine !== generation.current) return;
      setFetching(false);
      setError(result.error);
      if (result.data) {
        const page = result.data.people;
        setRows((prev) => (append ? [...prev, ...page.nodes] : page.nodes));
        setTotalCount(page.totalCount);
        setEndCursor(page.pageInfo.endCursor ?? null);
        setHasNextPage(page.pageInfo.hasNextPage);
      }
    },
    [client, key],
  );

  useEffect(() => {
    if (!enabled) {
      generation.current++;
      setRows([]);
      setTotalCount(null);
      setHasNextPage(false);
      return;
    }
    void load(null, false);
  }, [load, enabled]);

  const loadMore = useCallback(() => {
    if (endCursor) void load(endCursor, true);
  }, [endCursor, load]);

  const reload = useCallback(() => void load(null, false), [load]);

  return { rows, totalCount, hasNextPage, fetching, error, loadMore, reload };
}
