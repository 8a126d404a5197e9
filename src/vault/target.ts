/** A Vault deliver target as the client uses it; the spec layer owns its defaults and checks. */
export * from '../spec/vault-target.js';
