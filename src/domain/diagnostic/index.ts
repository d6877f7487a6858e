/**
 * The shared diagnostic (annexe 1): catalogue, computation against the département, bridge to
 * statistical secrecy, output shapes and synthetic data.
 */

export * from './catalogue.js';
export * from './compute.js';
export * from './present.js';
export * from './protection.js';
export * from './synthetic.js';
export * from './types.js';
