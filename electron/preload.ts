import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

/**
 * The renderer's only door: call(method, payload) and on(event, cb). ipcRenderer itself is never
 * exposed, so a compromised page can reach nothing but the validated, role-checked contract.
 */
contextBridge.exposeInMainWorld('rcc', {
  call: (method: string, payload: unknown): Promise<unknown> => ipcRenderer.invoke('rcc:call', String(method), payload),
  on: (event: string, callback: (payload: unknown) => void): (() => void) => {
    const listener = (_e: IpcRendererEvent, name: string, payload: unknown) => {
      if (name === event) callback(payload);
    };
    ipcRenderer.on('rcc:event', listener);
    return () => ipcRenderer.removeListener('rcc:event', listener);
  },
});
