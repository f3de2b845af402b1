// The configuration module: flags, environment, -F properties, -X pairs and profiles -> one
// validated configuration. Pure (files come through a reader, the password prompt through a
// function), so cli/ holds the side effects and every rule here is unit-tested. See README.md.
export {ConfigError} from './errors.js';
export type {ConnectionFlags, ParsedFlags} from './flags.js';
export {buildConfig, type Environment, type PathKind, type RunConfig} from './run-config.js';
export {checkRulesCheckFlags, flagSpelling} from './applies.js';
export {ignoredWarning} from './property-keys.js';
export {suggest} from './suggest.js';
export type {KafkaFlags, SourceConfig} from './source.js';
export {buildCheckConfig, type CheckConfig} from './check.js';
export {buildProduceConfig, parseDuration, type ProduceConfig, type ProduceFlags} from './produce.js';
export {startPositionOf, topicOrPattern} from './topics.js';
export {resolveConnection, resolveKafkaConnection, type ConnectionInput} from './connection.js';
export {PASSWORD_SOURCES, type AskPassword} from './password.js';
export type {FileReader} from './files.js';
export {configFilePath} from './profile.js';
export {parseProperties} from './properties.js';
export {splitList} from './lists.js';
