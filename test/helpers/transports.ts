import { randomBytes } from 'node:crypto';
import { MessageChannel } from 'node:worker_threads';
import { expect } from 'vitest';
import type { Backend } from '../../electron/backend';
import { BackendClient } from '../../electron/backendClient';
import { serveBackend } from '../../electron/backendServer';
import { startLoopbackServer, type LoopbackServer } from '../../electron/rpc/http';
import type { ApiErrorBody, ApiResult, ErrorCode } from '../../shared/contract';
import type { EventName } from '../../shared/contract/events';

/**
 * The two transports as contract suites see them: the in-process dispatcher (as over IPC, through
 * JSON) and the loopback HTTP server. Suites run once per transport with describe.each.
 */
export type Result = ApiResult<unknown>;

/** Events one window receives, whichever transport carries them. */
export interface EventTap {
  next(event: EventName, timeoutMs?: number): Promise<unknown>;
  close(): Promise<void>;
}

/** One window (IPC) or browser tab (HTTP): its own connection, at most one session. */
export interface Client {
  call(method: string, payload?: unknown): Promise<Result>;
  tapEvents(): Promise<EventTap>;
}

export interface Transport {
  name: string;
  start(backend: Backend): Promise<{ newClient(): Promise<Client>; close(): Promise<void> }>;
}

const EVENT_TIMEOUT_MS = 3_000;

function eventQueue() {
  const received: { event: string; payload: unknown }[] = [];
  const waiters: { event: string; resolve(payload: unknown): void }[] = [];
  return {
    push(event: string, payload: unknown): void {
      const i = waiters.findIndex((w) => w.event === event);
      if (i >= 0) waiters.splice(i, 1)[0]!.resolve(payload);
      else received.push({ event, payload });
    },
    next(event: EventName, timeoutMs = EVENT_TIMEOUT_MS): Promise<unknown> {
      const i = received.findIndex((r) => r.event === event);
      if (i >= 0) return Promise.resolve(received.splice(i, 1)[0]!.payload);
      return new Promise((resolve, reject) => {
        const waiter = {
          event,
          resolve: (payload: unknown) => {
            clearTimeout(timer);
            resolve(payload);
          },
        };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`No ${event} event arrived within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
  };
}

export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms))),
  ]);
}

export const inProcess: Transport = {
  name: 'in-process dispatcher',
  async start(backend) {
    return {
      async newClient() {
        const connection = backend.newConnection();
        return {
          // Through JSON and back, as over IPC: nothing may depend on object identity.
          call: async (method, payload) => JSON.parse(JSON.stringify(await backend.dispatch(method, payload ?? {}, connection))) as Result,
          async tapEvents() {
            const queue = eventQueue();
            const unsubscribe = backend.events.subscribe((event, payload, only) => {
              if (only === null || only === connection.id) queue.push(event, payload);
            });
            return { next: queue.next, close: async () => void unsubscribe() };
          },
        };
      },
      close: async () => {},
    };
  },
};

/** GETs the launch URL without following the redirect and keeps the connection cookie it sets. */
export async function launch(server: LoopbackServer): Promise<string> {
  const res = await fetch(server.launchUrl, { redirect: 'manual' });
  expect(res.status).toBe(303);
  const cookies = res.headers.getSetCookie();
  expect(cookies).toHaveLength(1);
  return cookies[0]!.split(';')[0]!;
}

/** The cookie a response set (signing in rotates it), or the one the client already had. */
export function followCookie(res: Response, cookie: string): string {
  const set = res.headers.getSetCookie()[0];
  return set ? set.split(';')[0]! : cookie;
}

async function sseTap(base: string, cookie: string): Promise<EventTap> {
  const controller = new AbortController();
  const res = await fetch(`${base}/api/events`, { headers: { cookie }, signal: controller.signal });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/event-stream');
  const queue = eventQueue();
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let markConnected!: () => void;
  const connected = new Promise<void>((resolve) => (markConnected = resolve));
  const pump = (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (frame.startsWith(':')) {
            markConnected();
            continue;
          }
          let event = 'message';
          const data: string[] = [];
          for (const line of frame.split('\n')) {
            if (line.startsWith('event: ')) event = line.slice('event: '.length);
            else if (line.startsWith('data: ')) data.push(line.slice('data: '.length));
          }
          queue.push(event, JSON.parse(data.join('\n')));
        }
      }
    } catch {
      // aborted by close()
    }
  })();
  // The server registers the stream before it writes ": connected", so events after this arrive.
  await within(connected, EVENT_TIMEOUT_MS, 'Opening the event stream');
  return {
    next: queue.next,
    async close() {
      controller.abort();
      await pump;
    },
  };
}

/**
 * A test backend (on the test's clock and store handle) behind the same host↔backend messages the
 * app's backend thread answers, here over a MessageChannel in the test's own thread: what the
 * transports see is what they see in the app (an async client, JSON-safe messages, sessions kept
 * by connection id in the backend). test/contract/backend-thread.test.ts runs the real thread.
 */
export function overMessages(backend: Backend): { client: BackendClient; close(): void } {
  const { port1, port2 } = new MessageChannel();
  const stopServing = serveBackend(backend, port1);
  const client = new BackendClient();
  client.attach(port2);
  // Listening ports keep a process alive; these end with the test.
  port1.unref();
  port2.unref();
  return {
    client,
    close() {
      stopServing();
      client.detach();
      port1.close();
    },
  };
}

/** Browser tabs of a loopback server: each opens from a launch link and keeps its cookie. */
export function tabsOf(server: LoopbackServer): { newClient(): Promise<Client> } {
  const base = `http://127.0.0.1:${server.port}`;
  return {
    async newClient() {
      let cookie = await launch(server);
      return {
        async call(method, payload) {
          const res = await fetch(`${base}/api/call/${encodeURIComponent(method)}`, {
            method: 'POST',
            headers: { cookie, 'x-rcc-client': '1', 'content-type': 'application/json' },
            body: JSON.stringify(payload ?? {}),
          });
          expect(res.status).toBe(200);
          // Signing in hands out a fresh connection cookie, as a browser would keep it.
          cookie = followCookie(res, cookie);
          return (await res.json()) as Result;
        },
        tapEvents: () => sseTap(base, cookie),
      };
    },
  };
}

export const overHttp: Transport = {
  name: 'loopback HTTP',
  async start(backend) {
    const messages = overMessages(backend);
    const server = await startLoopbackServer({ backend: messages.client, staticDir: null, launchSecret: randomBytes(24).toString('hex') });
    return {
      newClient: tabsOf(server).newClient,
      async close() {
        await server.close();
        messages.close();
      },
    };
  },
};

export function expectOk<T = unknown>(result: Result): T {
  if (!result.ok) throw new Error(`Expected success, got ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

export function expectError(result: Result, code: ErrorCode, field?: string): ApiErrorBody {
  if (result.ok) throw new Error(`Expected ${code}, got success: ${JSON.stringify(result.value).slice(0, 200)}`);
  expect(result.error.code, result.error.message).toBe(code);
  if (field !== undefined) expect(result.error.field).toBe(field);
  expect(result.error.message).toMatch(/\S/);
  return result.error;
}

/** The passwords users chose at their first sign-in in this test run, by username. */
const chosenPasswords = new Map<string, string>();

/**
 * Signs a client in as a person would: an account an administrator just made has a temporary
 * password, so its first sign-in chooses the user's own (the app allows nothing else until then),
 * and later sign-ins with the temporary one use the chosen one.
 */
export async function signInChoosingPassword(client: Client, username: string, password: string): Promise<void> {
  const current = chosenPasswords.get(username) ?? password;
  const user = expectOk<{ mustChangePassword?: boolean }>(await client.call('auth.signIn', { username, password: current }));
  if (!user.mustChangePassword) return;
  const own = `${current} chosen by ${username}`;
  expectOk(await client.call('auth.changePassword', { currentPassword: current, newPassword: own }));
  chosenPasswords.set(username, own);
}
