export * from './invoke.js';
export * from './events.js';
export * from './backend.js';
export * from './validate.js';
