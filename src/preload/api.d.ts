/** What the preload exposes on `window.bulwark` (the renderer's view; no Electron types leak through). */
export interface BulwarkBridge {
  invoke(method: string, params: unknown): Promise<unknown>;
  onPush(listener: (frame: { topic: string; data: unknown }) => void): () => void;
  onNavigate(listener: (page: string) => void): () => void;
}
