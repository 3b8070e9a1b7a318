import { useEffect, useRef, useState } from 'react';
import type { Result } from '../../shared/model/result.js';

/** A request's state: the last answer (kept while the next one loads) and the key it answers. */
export interface RequestState<T> {
  /** The key of the request in flight or last answered; null when idle. */
  key: string | null;
  loading: boolean;
  result: Result<T> | null;
  /** The key `result` answers. */
  resultKey: string | null;
}

const IDLE = { key: null, loading: false, result: null, resultKey: null };

/**
 * Runs `run` whenever `key` changes (nothing while it is null) and keeps its answer. An answer that
 * arrives after the key moved on is dropped, so a slow reply never overwrites a newer one.
 */
export function useRequest<T>(key: string | null, run: () => Promise<Result<T>>): RequestState<T> {
  const [state, setState] = useState<RequestState<T>>(IDLE);
  const runRef = useRef(run);
  runRef.current = run;
  useEffect(() => {
    if (key === null) {
      setState(IDLE);
      return;
    }
    let current = true;
    setState((s) => ({ ...s, key, loading: true }));
    void runRef.current().then((result) => {
      if (current) setState({ key, loading: false, result, resultKey: key });
    });
    return () => {
      current = false;
    };
  }, [key]);
  return state;
}
