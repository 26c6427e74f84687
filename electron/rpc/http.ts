import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { BackendClient, HostConnection } from '../backendClient';
import type { ApiResult } from '../../shared/contract';
import { APP_EVENTS } from '../../shared/contract/events';
import { MAX_REQUEST_BYTES, UPLOAD_TOO_LARGE } from '../../shared/contract/uploads';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';

export interface LoopbackServer {
  port: number;
  /**
   * Opening this URL in a browser starts a connection. Each read gives a new link that works
   * once, within LAUNCH_LINK_TTL_MS; a link seen in the terminal or history is useless afterwards.
   */
  readonly launchUrl: string;
  /** A fresh one-time link (what the terminal prints when the user asks for another). */
  newLaunchUrl(): string;
  close(): Promise<void>;
}

export interface LoopbackOptions {
  /** The backend, in its own thread (the app) or over messages in this one (some tests). */
  backend: BackendClient;
  /** The built renderer; null serves only the API (contract tests). */
  staticDir: string | null;
  /** The first launch link's secret (the one printed at start); later links get fresh secrets. */
  launchSecret: string;
  port?: number;
  /** The clock for the launch links' expiry (tests move it). */
  nowMs?: () => number;
}

/** How long a launch link stays usable if nobody opens it. */
export const LAUNCH_LINK_TTL_MS = 2 * 60_000;

const COOKIE = 'rcc_conn';
/** Past this a request is not an upload at all, and the connection is cut rather than read to its end. */
const DRAIN_LIMIT_BYTES = 8 * MAX_REQUEST_BYTES;
const MAX_CONNECTIONS = 200;
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function readCookie(req: IncomingMessage, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return null;
}

function cookieFor(connection: HostConnection): string {
  return `${COOKIE}=${connection.id}; HttpOnly; SameSite=Strict; Path=/`;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/** A request body over MAX_REQUEST_BYTES: the rest of it was read and dropped, so the answer can be sent. */
class BodyTooLarge extends Error {}

/**
 * The request body as text. Past MAX_REQUEST_BYTES the rest is read and dropped rather than the
 * connection cut, so the client gets the JSON answer naming the limit instead of a reset (browsers
 * report a reset mid-upload as a network failure). Only a body far past any upload is cut off.
 */
function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_REQUEST_BYTES) chunks.push(chunk);
      else if (size > DRAIN_LIMIT_BYTES) req.destroy(new BodyTooLarge());
      else chunks.length = 0;
    });
    req.on('end', () => (size > MAX_REQUEST_BYTES ? reject(new BodyTooLarge()) : resolve(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}

/**
 * The loopback transport: the same dispatcher as Electron IPC, on 127.0.0.1 only. A request must
 * name our own host (stops DNS rebinding), carry the connection cookie that only the launch URL
 * hands out, and send a custom header (so another site's page cannot post to it).
 */
export async function startLoopbackServer(options: LoopbackOptions): Promise<LoopbackServer> {
  const connections = new Map<string, HostConnection>();
  const streams = new Map<ServerResponse, HostConnection>();
  const nowMs = options.nowMs ?? Date.now;
  /** Unused launch secrets and when each stops working. */
  const launchSecrets = new Map<string, number>([[options.launchSecret, nowMs() + LAUNCH_LINK_TTL_MS]]);
  let port = 0;

  const unsubscribe = options.backend.events.subscribe((event, payload, onlyConnectionId) => {
    for (const [res, connection] of streams) {
      // An event for one window goes to it alone (e.g. "your session ended"); the region's events
      // go only to signed-in connections, so an unsigned tab learns nothing.
      if (onlyConnectionId !== null ? onlyConnectionId !== connection.id : !connection.signedIn && !APP_EVENTS.has(event)) continue;
      res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
      // Node holds a response's writes until the next tick; an import's progress is sent while the
      // call still runs, so it is flushed at once.
      res.socket?.uncork();
    }
  });

  /** A fresh one-time link, usable for two minutes. */
  function mintLaunchUrl(): string {
    const secret = randomBytes(24).toString('base64url');
    launchSecrets.set(secret, nowMs() + LAUNCH_LINK_TTL_MS);
    return `http://127.0.0.1:${port}/launch/${secret}`;
  }

  /** True, once, for a live unused secret. */
  function useLaunchSecret(given: string): boolean {
    const now = nowMs();
    for (const [secret, expires] of launchSecrets) {
      if (expires <= now) launchSecrets.delete(secret);
      else if (sameSecret(given, secret)) {
        launchSecrets.delete(secret);
        return true;
      }
    }
    return false;
  }

  /**
   * Signing in gets a fresh connection id (the backend gives it: renameOnSignIn): a cookie planted
   * before sign-in (by another page on 127.0.0.1, which shares cookies across ports) does not carry
   * the session. Event streams opened under the old id are closed; the client reopens them with the
   * new cookie.
   */
  function rotated(connection: HostConnection, oldId: string, res: ServerResponse): void {
    connections.delete(oldId);
    connections.set(connection.id, connection);
    for (const [stream, owner] of streams) {
      if (owner === connection) {
        streams.delete(stream);
        stream.end();
      }
    }
    res.setHeader('set-cookie', cookieFor(connection));
  }

  function connectionOf(req: IncomingMessage): HostConnection | null {
    const id = readCookie(req, COOKIE);
    return id ? (connections.get(id) ?? null) : null;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      res.writeHead(403, { 'content-type': 'text/plain' }).end('This server only answers on its own loopback address.');
      return;
    }
    const url = new URL(req.url ?? '/', `http://${host}`);

    if (req.method === 'GET' && url.pathname.startsWith('/launch/')) {
      if (!useLaunchSecret(url.pathname.slice('/launch/'.length))) {
        res
          .writeHead(403, { 'content-type': 'text/plain' })
          .end('This launch link is not valid: each link works once, within two minutes, for this run of RCC Placements. Start the app again for a new link.');
        return;
      }
      const connection = options.backend.newConnection();
      connections.set(connection.id, connection);
      if (connections.size > MAX_CONNECTIONS) {
        const oldest = connections.values().next().value!;
        connections.delete(oldest.id);
        options.backend.forget(oldest);
      }
      res.writeHead(303, { location: '/', 'set-cookie': cookieFor(connection), 'cache-control': 'no-store' });
      res.end();
      return;
    }

    if (url.pathname.startsWith('/api/')) {
      const connection = connectionOf(req);
      if (!connection) {
        const body: ApiResult<never> = { ok: false, error: { code: 'UNAUTHENTICATED', message: 'Open RCC Placements from the link printed in the terminal.' } };
        sendJson(res, 401, body);
        return;
      }
      if (req.method === 'GET' && url.pathname === '/api/events') {
        res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
        // A quick reconnect: signing in closes the streams opened under the old connection id,
        // and the browser reopens this one with its fresh cookie.
        res.write(': connected\nretry: 250\n\n');
        streams.set(res, connection);
        req.on('close', () => streams.delete(res));
        return;
      }
      if (req.method === 'POST' && url.pathname === '/api/launch-link') {
        // Another window of the app (or the tests' next browser context) opens from a link of its
        // own: each link still works once, so only a window already let in can ask for one.
        if (req.headers['x-rcc-client'] !== '1') {
          sendJson(res, 400, { ok: false, error: { code: 'BAD_INPUT', message: 'Requests must come from the RCC Placements client.' } });
          return;
        }
        sendJson(res, 200, { ok: true, value: { url: mintLaunchUrl() } });
        return;
      }
      if (req.method === 'POST' && url.pathname.startsWith('/api/call/')) {
        if (req.headers['x-rcc-client'] !== '1') {
          sendJson(res, 400, { ok: false, error: { code: 'BAD_INPUT', message: 'Requests must come from the RCC Placements client.' } });
          return;
        }
        let payload: unknown;
        try {
          const text = await readBody(req);
          payload = text === '' ? {} : JSON.parse(text);
        } catch (error) {
          if (error instanceof BodyTooLarge) {
            const body: ApiResult<never> = { ok: false, error: { code: 'BAD_INPUT', message: UPLOAD_TOO_LARGE } };
            if (!res.destroyed) sendJson(res, 413, body);
            return;
          }
          sendJson(res, 400, { ok: false, error: { code: 'BAD_INPUT', message: 'The request body is not valid JSON.' } });
          return;
        }
        let method: string;
        try {
          method = decodeURIComponent(url.pathname.slice('/api/call/'.length));
        } catch {
          sendJson(res, 404, { ok: false, error: { code: 'NOT_FOUND', message: 'That is not a valid method name.' } });
          return;
        }
        const before = connection.id;
        // A call answered after another call's sign-in also sees the new id: it sends the same cookie
        // again, and its streams reconnect once more; harmless, and simpler than tracking which call renamed.
        const result = await options.backend.call(method, payload, connection, { renameOnSignIn: true });
        if (connection.id !== before) rotated(connection, before, res);
        sendJson(res, 200, result);
        return;
      }
      sendJson(res, 404, { ok: false, error: { code: 'NOT_FOUND', message: 'No such API route.' } });
      return;
    }

    if (req.method === 'GET' && options.staticDir) {
      serveStatic(options.staticDir, url.pathname, res);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('[loopback] request failed', error);
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message: 'The request failed; nothing was changed.' } });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  let firstLinkRead = false;
  return {
    port,
    get launchUrl() {
      if (firstLinkRead) return mintLaunchUrl();
      firstLinkRead = true;
      return `http://127.0.0.1:${port}/launch/${options.launchSecret}`;
    },
    newLaunchUrl: mintLaunchUrl,
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe();
        for (const res of streams.keys()) res.end();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Files of the built renderer; unknown paths get index.html so the app's routes reload. */
function serveStatic(root: string, pathname: string, res: ServerResponse): void {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    res.writeHead(400).end();
    return;
  }
  const relative = normalize(decoded).replace(/^([/\\])+/, '');
  let file = join(root, relative);
  if (!file.startsWith(root + sep) && file !== root) {
    res.writeHead(400).end();
    return;
  }
  if (!existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html');
  if (!existsSync(file)) {
    res.writeHead(500, { 'content-type': 'text/plain' }).end('The interface has not been built: run npm run build.');
    return;
  }
  const type = MIME[extname(file)] ?? 'application/octet-stream';
  res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': type, 'cache-control': file.endsWith('index.html') ? 'no-store' : 'max-age=3600' });
  createReadStream(file).pipe(res);
}
