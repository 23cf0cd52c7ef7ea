export { SecretError, seal, open, KEY_BYTES } from './cipher';
export { KEY_FILE, assertOwnerOnly, decodeKey, loadOrCreateKeyFile } from './key-file';
export { SecretStore, maskHint, type KeySource, type SecretHint } from './store';
