import { ApiError, type ApiResult, type MethodInput, type MethodName, type MethodOutput } from '../../shared/contract';
import type { EventName, EventPayload } from '../../shared/contract/events';

/** What the desktop preload exposes; absent in a plain browser (loopback mode). */
interface DesktopBridge {
  call(method: string, payload: unknown): Promise<unknown>;
  on(event: string, callback: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    rcc?: DesktopBridge;
  }
}

interface Transport {
  kind: 'ipc' | 'http';
  call(method: string, payload: unknown): Promise<ApiResult<unknown>>;
  on(event: string, callback: (payload: unknown) => void): () => void;
}

function ipcTransport(bridge: DesktopBridge): Transport {
  return {
    kind: 'ipc',
    call: async (method, payload) => (await bridge.call(method, payload)) as ApiResult<unknown>,
    on: (event, callback) => bridge.on(event, callback),
  };
}

function httpTransport(): Transport {
  let source: EventSource | null = null;
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const ensureSource = (event: string) => {
    source ??= new EventSource('/api/events');
    if (!listeners.has(event)) {
      listeners.set(event, new Set());
      source.addEventListener(event, (e) => {
        const payload: unknown = JSON.parse((e as MessageEvent<string>).data);
        for (const cb of listeners.get(event) ?? []) cb(payload);
      });
    }
    return listeners.get(event)!;
  };
  return {
    kind: 'http',
    async call(method, payload) {
      let response: Response;
      try {
        response = await fetch(`/api/call/${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-rcc-client': '1' },
          body: JSON.stringify(payload ?? {}),
          credentials: 'same-origin',
        });
      } catch {
        return { ok: false, error: { code: 'INTERNAL', message: 'The RCC Placements backend is not running. Start it again with npm start.' } };
      }
      return (await response.json()) as ApiResult<unknown>;
    },
    on(event, callback) {
      const set = ensureSource(event);
      set.add(callback);
      return () => set.delete(callback);
    },
  };
}

const transport: Transport = window.rcc ? ipcTransport(window.rcc) : httpTransport();

export const transportKind = transport.kind;

/** Calls one contract method; resolves with its typed value or throws an ApiError. */
export async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const result = await transport.call(method, input);
  if (result.ok) return result.value as MethodOutput<M>;
  throw new ApiError(result.error.code, result.error.message, result.error.field);
}

/** Subscribes to a backend event; returns the unsubscribe function. */
export function onEvent<E extends EventName>(event: E, callback: (payload: EventPayload<E>) => void): () => void {
  return transport.on(event, (payload) => callback(payload as EventPayload<E>));
}
