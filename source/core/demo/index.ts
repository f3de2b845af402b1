// The demo stage's entry: seeded EDR telemetry as wire bytes (s1-dv packets, CF2 and Sysmon JSON).
// The demo source (sources/demo-source.ts) paces it for the screen, `edrtail produce` publishes it
// to a topic, tests and benchmarks take its records without timers. See README.md for the files.
export {ATOMIC_COMMANDS, ATOMIC_IDS, type AtomicId} from './atomics.js';
export {createDemoGenerator, DEFAULT_SEED, type DemoGenerator, type DemoGeneratorOptions} from './generator.js';
export type {DemoEvent} from './model.js';
export {DEFAULT_PRODUCE_RATE, runProduce, type ProduceOptions, type ProduceResult} from './produce.js';
export {createKafkaProducer, ensureTopic, listTopics, type KafkaProducer, type ProducedMessage} from './producer.js';
export {
	DEFAULT_DEMO_RATE,
	DEMO_EPOCH,
	DEMO_TICK_MS,
	demoRate,
	generateDemoRecords,
	type GenerateOptions,
} from './records.js';
export {createDemoStream, type DemoStream, type DemoStreamOptions} from './stream.js';
export {
	DEFAULT_DEMO_FORMAT,
	DEMO_WIRE_FORMATS,
	MAX_DV_PACKET_BYTES,
	type DemoWireFormat,
	type WireMessage,
} from './wire.js';
export {createRng, type Rng} from './prng.js';
