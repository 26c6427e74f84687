/**
 * Latency of ordinary calls as a user's window makes them: one client, one call at a time (a
 * closed loop), each timed from sending the request to the parsed answer.
 */
import type { ApiClient } from '../e2e/harness';
import { medianOf } from './machine';

export interface OrdinaryCall {
  method: string;
  payload: object;
}

export interface Timing {
  method: string;
  ms: number;
  /** The error the call answered with, in its code and words; its time is left out of the figures. */
  error?: string;
}

export interface LatencyFigures {
  count: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  /** Calls slower than SLOW_CALL_MS: the ones a user notices. */
  over250Ms: number;
  /** Calls that answered with an error (not in the times above). */
  errors: number;
}

/** Connections the server reset under a request, which was then sent again (see retryingResets). */
export const resets = { count: 0 };

function isReset(error: unknown): boolean {
  return error instanceof TypeError && (error.cause as { code?: string } | undefined)?.code === 'ECONNRESET';
}

/**
 * The client as a browser behaves: when the server resets a kept-alive connection under a request
 * (Node's server closes a connection idle past its keep-alive time as soon as its event loop is
 * free again, after a long synchronous job, even when a request has just arrived on it), Chromium
 * sends the request again on a new connection; Node's fetch does not. Each time is counted.
 */
export function retryingResets(client: ApiClient): ApiClient {
  const call: ApiClient['call'] = async (method, payload) => {
    try {
      return await client.call(method, payload);
    } catch (error) {
      if (!isReset(error)) throw error;
      resets.count++;
      return client.call(method, payload);
    }
  };
  return {
    call,
    async ok(method, input) {
      const result = await call(method, input);
      if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
      return result.value as never;
    },
  };
}

/** A call slower than this is noticed (issue 16's p95 target). */
export const SLOW_CALL_MS = 250;

/**
 * Makes the calls in turn, round-robin, while `keepGoing()` says so (checked before each call).
 * A call that answers with an error is recorded with it and the loop goes on, as a user would try
 * again; the benchmark reports every error and fails after saving its figures.
 */
export async function timeCallsWhile(client: ApiClient, calls: readonly OrdinaryCall[], keepGoing: () => boolean): Promise<Timing[]> {
  const timings: Timing[] = [];
  for (let i = 0; keepGoing(); i++) {
    const call = calls[i % calls.length]!;
    const t0 = performance.now();
    const result = await client.call(call.method, call.payload);
    const ms = performance.now() - t0;
    timings.push(
      result.ok
        ? { method: call.method, ms }
        : { method: call.method, ms, error: `${result.error.code} ${result.error.message} (payload ${JSON.stringify(call.payload)})` },
    );
  }
  return timings;
}

/** The nearest-rank percentile: the smallest time at least p% of calls were no slower than. */
function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const tenths = (ms: number) => Math.round(ms * 10) / 10;

function figuresOf(timings: readonly Timing[]): LatencyFigures {
  const errors = timings.filter((t) => t.error !== undefined).length;
  const sorted = timings
    .filter((t) => t.error === undefined)
    .map((t) => t.ms)
    .sort((a, b) => a - b);
  if (sorted.length === 0) return { count: 0, medianMs: Number.NaN, p95Ms: Number.NaN, maxMs: Number.NaN, over250Ms: 0, errors };
  return {
    count: sorted.length,
    medianMs: tenths(medianOf(sorted)),
    p95Ms: tenths(percentile(sorted, 95)),
    maxMs: tenths(sorted[sorted.length - 1]!),
    over250Ms: sorted.filter((t) => t > SLOW_CALL_MS).length,
    errors,
  };
}

export interface LatencySummary {
  all: LatencyFigures;
  byMethod: Record<string, LatencyFigures>;
  /** Every call that answered with an error, with how long it took to. */
  errors: { method: string; ms: number; error: string }[];
}

/** Figures over all calls, and per method in the order the calls were first made. */
export function summarise(timings: readonly Timing[]): LatencySummary {
  const methods = [...new Set(timings.map((t) => t.method))];
  return {
    all: figuresOf(timings),
    byMethod: Object.fromEntries(methods.map((m) => [m, figuresOf(timings.filter((t) => t.method === m))])),
    errors: timings.flatMap((t) => (t.error === undefined ? [] : [{ method: t.method, ms: Math.round(t.ms), error: t.error }])),
  };
}
