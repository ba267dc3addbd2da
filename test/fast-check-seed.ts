// Property tests explore new random cases on every local run, but CI replays one fixed seed, so a
// landing never depends on luck. Set FC_SEED to replay a failure seen locally.
import fc from 'fast-check';

const seed = process.env.FC_SEED ?? (process.env.CI ? '20261128' : undefined);
if (seed !== undefined) fc.configureGlobal({ seed: Number(seed) });
