export { startSimulator, FAULT_KINDS, routeOf } from './server';
export type { FaultKind, FaultOptions, SimulatorHandle, SimulatorOptions, SimulatorStats } from './server';
export { SCENARIOS } from './models/scenarios';
export type { ScenarioName, ScenarioOptions } from './models/scenarios';
export { DEFAULT_UNIVERSE } from './models/universe';
export type { InstrumentSpec } from './models/universe';
export { MALFORMED_KINDS } from './feed-engine';
