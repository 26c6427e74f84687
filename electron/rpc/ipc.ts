import { ipcMain, webContents, type IpcMainInvokeEvent } from 'electron';
import { MAX_REQUEST_BYTES, payloadExceeds, UPLOAD_TOO_LARGE } from '../../shared/contract/uploads';
import type { BackendClient, HostConnection } from '../backendClient';
import { isAppUrl } from '../security';

/**
 * The desktop transport: one invoke channel into the backend thread's dispatcher. Each window is
 * one connection; a message from any frame that is not our own app page is refused. This process
 * only relays: the call is answered in the backend thread.
 */
export function registerIpcTransport(backend: BackendClient): void {
  const connections = new Map<number, HostConnection>();

  ipcMain.handle('rcc:call', async (event: IpcMainInvokeEvent, method: unknown, payload: unknown) => {
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null || !isAppUrl(frame.url)) {
      return { ok: false, error: { code: 'FORBIDDEN', message: 'Calls are accepted only from the RCC Placements window.' } };
    }
    // The same limit, and the same words, as the loopback server's request limit.
    if (payloadExceeds(payload, MAX_REQUEST_BYTES)) return { ok: false, error: { code: 'BAD_INPUT', message: UPLOAD_TOO_LARGE } };
    let connection = connections.get(event.sender.id);
    if (!connection) {
      connection = backend.newConnection();
      connections.set(event.sender.id, connection);
      const opened = connection;
      event.sender.once('destroyed', () => {
        connections.delete(event.sender.id);
        backend.forget(opened);
      });
    }
    return backend.call(String(method), payload, connection);
  });

  backend.events.subscribe((event, payload, onlyConnectionId) => {
    for (const [contentsId, connection] of connections) {
      if (onlyConnectionId !== null && onlyConnectionId !== connection.id) continue;
      webContents.fromId(contentsId)?.send('rcc:event', event, payload);
    }
  });
}
