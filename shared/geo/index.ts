/**
 * Places for the whole app, with no Node, DOM or database: postcode validation, British National
 * Grid conversion and the embedded gazetteer. Distances come from the matching engine
 * (shared/scoring/distance.ts), so there is one DfE formula.
 */
export * from './postcode';
export * from './grid';
export * from './country-parts';
export * from './gazetteer';
