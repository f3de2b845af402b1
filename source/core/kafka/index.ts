// The Kafka client layer: the only place kafkajs is imported (client.ts), and the connection
// shape every Kafka user shares (connection.ts). See README.md.
export {
	CONNECTION_DEFAULTS,
	EVENT_HUBS_REQUEST_TIMEOUT,
	isEventHubs,
	SASL_MECHANISMS,
	describeConnection,
	needsPassword,
	withPassword,
	type KafkaConnection,
	type KafkaSasl,
	type KafkaTls,
	type SaslMechanism,
} from './connection.js';
export {
	createKafkaClient,
	shortReason,
	type Admin,
	type Batch,
	type Consumer,
	type ConsumerRunConfig,
	type EachBatchPayload,
	type KafkaClient,
	type KafkaClientOptions,
	type KafkaLogLevel,
	type KafkaMessage,
	type Producer,
} from './client.js';
export {
	KafkaFaultError,
	explainKafkaError,
	explainMissingTopics,
	topicDeleted,
	topicNotFound,
	type FaultContext,
	type KafkaFault,
	type KafkaFaultKind,
} from './faults.js';
export {
	inspectCluster,
	type ClusterReport,
	type GroupReport,
	type InspectOptions,
	type PartitionReport,
	type TopicReport,
} from './inspect.js';
