// Sandboxed preload (built as CommonJS): exposes a minimal, typed bridge and nothing else.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { BulwarkBridge } from './api';

const bridge: BulwarkBridge = {
  invoke: (method, params) => ipcRenderer.invoke('bulwark:rpc', { method, params }),
  onPush(listener) {
    const h = (_e: IpcRendererEvent, frame: { topic: string; data: unknown }): void => listener(frame);
    ipcRenderer.on('bulwark:push', h);
    return () => ipcRenderer.removeListener('bulwark:push', h);
  },
  onNavigate(listener) {
    const h = (_e: IpcRendererEvent, page: string): void => listener(page);
    ipcRenderer.on('bulwark:navigate', h);
    return () => ipcRenderer.removeListener('bulwark:navigate', h);
  },
};

contextBridge.exposeInMainWorld('bulwark', bridge);
