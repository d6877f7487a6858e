/**
 * Public API of the convention domain: the model, its default text, rendering, the lifecycle,
 * avenants, termination, integrity and the list of what is due.
 */

export * from './avenant.js';
export * from './block-diff.js';
export * from './canonical.js';
export * from './diff.js';
export * from './due-items.js';
export * from './integrity.js';
export * from './labels.js';
export * from './lifecycle.js';
export * from './model.js';
export * from './render.js';
export * from './signatures.js';
export * from './template.js';
export * from './termination.js';
