/** A usage error: the command line or the environment asks for something edrtail cannot do (exit 2). */
export class ConfigError extends Error {}
