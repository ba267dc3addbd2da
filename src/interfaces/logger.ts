/**
 * A logger with pino's calling convention: `logger.info({ key: value }, 'message')` or
 * `logger.info('message')`. A pino instance fits as it is. The default logger is silent.
 */
export interface Logger {
  debug(objectOrMessage: object | string, message?: string): void;
  info(objectOrMessage: object | string, message?: string): void;
  warn(objectOrMessage: object | string, message?: string): void;
  error(objectOrMessage: object | string, message?: string): void;
}
