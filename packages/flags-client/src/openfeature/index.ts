export { OpsdeskProvider } from './opsdeskProvider.js';
export { toFlagContext } from './evaluationContext.js';
