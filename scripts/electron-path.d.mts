export function findElectron(): { path?: string; reason?: string };
