// Sigma correlations: parse, resolve, evaluate live on event time with bounded state.
export {CorrelationEngine, type ObservedEvent} from './engine.js';
export {conditionHolds, conditionText, parseCorrelation, parseTimespan} from './parse.js';
export {resolveCorrelations, type Resolution, type ResolvedCorrelation, type RuleRef} from './resolve.js';
export {correlationEvent} from './event.js';
export * from './types.js';
