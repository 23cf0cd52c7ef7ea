// Public surface of the stops layer (pure logic; the engine owns clocks, order routing and the journal).
export * from './atr';
export { initialLevels, type InitialLevels, type LevelInputs, type StopSource } from './levels';
export * from './stop-manager';
export * from './effectiveness';
