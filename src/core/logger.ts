import type { Logger } from '../interfaces/logger.js';

const ignore = (): void => {};

/** The default logger: says nothing. Pass a pino instance (or any {@link Logger}) to hear more. */
export const silentLogger: Logger = { debug: ignore, info: ignore, warn: ignore, error: ignore };
