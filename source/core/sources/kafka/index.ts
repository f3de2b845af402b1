// The Kafka source: a consumer that seeks to a start plan and never commits unless asked.
// See README.md for the files.
export {createKafkaSource, type KafkaSourceOptions} from './source.js';
export {planStart, unfinished} from './start-plan.js';
export type {StartPlan, StartPlanInput, PartitionWatermarks, PartitionOffset} from './start-plan.js';
export {timestampTypeOf} from './records.js';
