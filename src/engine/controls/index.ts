// Public surface of the controls layer (pure logic; the engine owns clocks, I/O and the journal).
export * from './intents';
export * from './limits';
export * from './trading-state';
export * from './pretrade-context';
export * from './pretrade';
export * from './sizing-suggest';
export * from './breaker-config';
export * from './breakers';
export * from './preservation-plan';
export { CapitalPreservation, PreservationConfig, TRIGGERS, type LevelChange, type PreservationJSON, type PreservationMetrics, type PreservationTrigger, type TriggerReading } from './preservation';
export * from './alerts';
export * from './emergency';
