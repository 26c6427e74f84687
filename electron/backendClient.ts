import { randomBytes } from 'node:crypto';
import type { ApiResult } from '../shared/contract';
import type { BackendMessage, HostMessage, MessagePortLike } from './backendProtocol';
import { EventBus } from './rpc/events';

/**
 * One window (IPC) or browser tab (HTTP) as the host sees it. The session itself lives in the
 * backend; the host knows only whether there is one, to keep the region's events from tabs that
 * have not signed in.
 */
export interface HostConnection {
  id: string;
  signedIn: boolean;
}

export interface CallOptions {
  /** Give the connection a fresh id when this call signs it in (the HTTP cookie rotation). */
  renameOnSignIn?: boolean;
}

interface Pending {
  resolve(result: ApiResult<unknown>): void;
  connection: HostConnection;
  /** The connection's id when the call was sent (a sign-in answered meanwhile may have changed it). */
  sentAs: string;
}

/**
 * The host's asynchronous door into the backend, which runs elsewhere (its own thread in the app):
 * what both transports call. Calls and events travel as messages; a backend that stops leaves
 * no call waiting for ever (failInFlight).
 */
export class BackendClient {
  readonly events = new EventBus();
  private port: MessagePortLike | null = null;
  private nextCallId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly connections = new Map<string, HostConnection>();
  /** Set when the backend cannot be reached any more: every call gets these words at once. */
  private refusal: string | null = null;
  private readonly onMessage = (raw: unknown) => this.receive(raw as BackendMessage);
  /** Messages that are not answers or events (ready, log lines, stopped) go to the host. */
  onOther: ((message: BackendMessage) => void) | null = null;

  /** Starts talking to a backend (again, after a restart). */
  attach(port: MessagePortLike): void {
    this.detach();
    this.port = port;
    this.refusal = null;
    port.on('message', this.onMessage);
  }

  detach(): void {
    this.port?.off('message', this.onMessage);
    this.port = null;
  }

  newConnection(): HostConnection {
    const connection = { id: randomBytes(16).toString('hex'), signedIn: false };
    this.connections.set(connection.id, connection);
    return connection;
  }

  /** The window closed or the tab was dropped: the backend forgets its session. */
  forget(connection: HostConnection): void {
    this.connections.delete(connection.id);
    this.send({ type: 'forget', connectionId: connection.id });
  }

  /** Dispatches one call for one connection; connection.id and .signedIn follow the answer. */
  call(method: string, payload: unknown, connection: HostConnection, options: CallOptions = {}): Promise<ApiResult<unknown>> {
    if (this.refusal !== null || !this.port) return Promise.resolve(internalError(this.refusal ?? "The app's backend is not running."));
    const callId = this.nextCallId++;
    return new Promise((resolve) => {
      this.pending.set(callId, { resolve, connection, sentAs: connection.id });
      this.send({ type: 'call', callId, method, payload, connectionId: connection.id, renameOnSignIn: options.renameOnSignIn ?? false });
    });
  }

  /** Answers every call still waiting with these words (the backend stopped before answering). */
  failInFlight(message: string): void {
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const p of waiting) p.resolve(internalError(message));
  }

  /** Every call from now on gets these words, until a backend is attached again. */
  refuseAll(message: string): void {
    this.refusal = message;
    this.failInFlight(message);
  }

  /** A new backend knows no sessions: every window must sign in again. */
  endAllSessions(): void {
    for (const connection of this.connections.values()) connection.signedIn = false;
  }

  send(message: HostMessage): void {
    this.port?.postMessage(message);
  }

  private receive(message: BackendMessage): void {
    if (message.type === 'answer') {
      const waiting = this.pending.get(message.callId);
      if (!waiting) return;
      this.pending.delete(message.callId);
      const connection = waiting.connection;
      if (message.renamedTo !== null) {
        this.connections.delete(connection.id);
        connection.id = message.renamedTo;
        this.connections.set(connection.id, connection);
        connection.signedIn = message.signedIn;
      } else if (connection.id === waiting.sentAs) {
        // Not when a sign-in renamed it meanwhile: this answer is about the id it gave up.
        connection.signedIn = message.signedIn;
      }
      waiting.resolve(message.result);
    } else if (message.type === 'event') {
      this.events.emit(message.event, message.payload as never, message.onlyConnectionId);
      // The backend ended these sessions; the host's view follows, after the event went out.
      if (message.event === 'session.ended') {
        if (message.onlyConnectionId === null) this.endAllSessions();
        else {
          const connection = this.connections.get(message.onlyConnectionId);
          if (connection) connection.signedIn = false;
        }
      }
    } else {
      this.onOther?.(message);
    }
  }
}

function internalError(message: string): ApiResult<never> {
  return { ok: false, error: { code: 'INTERNAL', message } };
}
