import { randomBytes } from 'node:crypto';
import type { Backend } from './backend';
import type { BackendMessage, HostMessage, MessagePortLike } from './backendProtocol';
import type { Connection } from './rpc/context';

/**
 * The backend's side of the host↔backend messages: keeps each window's connection (and so its
 * session) by the id the host gave it, answers calls, and passes the backend's events on with the
 * connection they are for. The backend thread runs this over its parentPort; tests can run it over
 * a MessageChannel in their own thread, with a backend on a test clock.
 */
export function serveBackend(backend: Backend, port: MessagePortLike, onStop?: () => void): () => void {
  const connections = new Map<string, Connection>();
  /** Ids given up at a sign-in: a call still naming one is answered as a stranger's and not kept. */
  const retired = new Set<string>();
  const post = (message: BackendMessage) => port.postMessage(message);

  const unsubscribe = backend.events.subscribe((event, payload, onlyConnectionId) => {
    post({ type: 'event', event, payload, onlyConnectionId });
  });

  async function answer(message: Extract<HostMessage, { type: 'call' }>): Promise<void> {
    let connection = connections.get(message.connectionId);
    if (!connection) {
      // Ids come only from the host, which made them for a window or tab it let in.
      connection = { id: message.connectionId, session: null };
      if (!retired.has(connection.id)) connections.set(connection.id, connection);
    }
    const before = connection.session;
    // Whatever dispatch returns (a value today, a promise once services may await).
    const result = await Promise.resolve(backend.dispatch(message.method, message.payload, connection));
    let renamedTo: string | null = null;
    if (message.renameOnSignIn && connection.session !== null && connection.session !== before && connections.get(connection.id) === connection) {
      connections.delete(connection.id);
      retired.add(connection.id);
      renamedTo = connection.id = randomBytes(16).toString('hex');
      connections.set(connection.id, connection);
    }
    post({ type: 'answer', callId: message.callId, result, renamedTo, signedIn: connection.session !== null });
  }

  const onMessage = (raw: unknown) => {
    const message = raw as HostMessage;
    if (message.type === 'call') {
      answer(message).catch((error: unknown) => {
        // The dispatcher answers every failure itself; this is a fault in this file, said as one.
        backend.host.log.error('call not answered', { method: message.method, problem: error instanceof Error ? error.message : String(error) });
        post({
          type: 'answer',
          callId: message.callId,
          result: { ok: false, error: { code: 'INTERNAL', message: 'Something went wrong on our side; nothing was changed.' } },
          renamedTo: null,
          signedIn: false,
        });
      });
    } else if (message.type === 'forget') {
      connections.delete(message.connectionId);
    } else if (message.type === 'stop') {
      stop();
      onStop?.();
      post({ type: 'stopped' });
    }
  };
  port.on('message', onMessage);

  function stop(): void {
    port.off('message', onMessage);
    unsubscribe();
  }
  return stop;
}
