// What `edrtail check` reports: can we connect and authenticate, which topics the broker lets us
// see with their partitions, end offsets and message rate, and a consumer group's lag. Failures are
// KafkaFaultErrors carrying the one sentence of faults.ts.
import {createKafkaClient, shortReason, type Admin} from './client.js';
import type {KafkaConnection} from './connection.js';
import {explainKafkaError, explainMissingTopics, KafkaFaultError, type FaultContext} from './faults.js';

export interface PartitionReport {
	partition: number;
	/** Earliest offset still kept. */
	low: string;
	/** End offset (high watermark): the offset the next record gets. */
	high: string;
	/** With a group: its committed offset (absent: nothing committed) and high minus it. */
	committed?: string;
	lag?: string;
}

export interface TopicReport {
	name: string;
	partitions: PartitionReport[];
	/** Records appended per second across the partitions while we watched (sampleMs). */
	ratePerSecond: number;
}

export interface GroupReport {
	groupId: string;
	state: string;
	members: number;
	/** Sum over the partitions that have a commit. */
	lag: string;
}

export interface ClusterReport {
	brokers: string[];
	clusterId: string;
	topics: TopicReport[];
	group?: GroupReport;
}

export interface InspectOptions {
	connection: KafkaConnection;
	/** Only these topics (each must exist and be readable); default: every topic the broker shows. */
	topics?: readonly string[];
	groupId?: string;
	/** How long to watch the end offsets for the message rate. */
	sampleMs?: number;
	logFile?: string | false;
}

export async function inspectCluster(options: InspectOptions): Promise<ClusterReport> {
	const {connection, groupId} = options;
	const where = connection.brokers.join(',');
	const ctx: FaultContext = {connection, topics: options.topics, groupId};
	// A check answers now: one retry, not kafkajs's ~10 s of them.
	const client = createKafkaClient(connection, {logLevel: 'info', logFile: options.logFile, retries: 1});
	const admin = client.admin();
	const fail = (error: unknown, doing: string): never => {
		if (error instanceof KafkaFaultError) throw error;
		const fault = explainKafkaError(error, ctx);
		throw fault ? new KafkaFaultError(fault) : new Error(`${doing} ${where}: ${shortReason(String(error))}`);
	};
	try {
		await admin.connect().catch(error => fail(error, 'cannot connect to Kafka at'));
		const cluster = await admin.describeCluster().catch(error => fail(error, 'cannot describe the cluster at'));
		const listed = (await admin.listTopics().catch(error => fail(error, 'cannot list the topics of'))).filter(
			t => !t.startsWith('__'),
		);
		let names = [...listed].sort();
		if (options.topics?.length) {
			const missing = options.topics.filter(t => !listed.includes(t));
			if (missing.length) throw new KafkaFaultError(await explainMissingTopics(admin, missing, where, ctx));
			names = [...options.topics];
		}
		const first = await endOffsets(admin, names).catch(error => fail(error, 'cannot read the offsets on'));
		const sampleMs = options.sampleMs ?? 1000;
		await new Promise(resolve => setTimeout(resolve, sampleMs));
		const second = await endOffsets(admin, names).catch(error => fail(error, 'cannot read the offsets on'));
		const topics = names.map(name => topicReport(name, first.get(name) ?? [], second.get(name) ?? [], sampleMs));
		const report: ClusterReport = {
			brokers: cluster.brokers.map(b => `${b.host}:${b.port}`),
			clusterId: cluster.clusterId,
			topics,
		};
		if (groupId) report.group = await groupReport(admin, groupId, topics).catch(error => fail(error, 'cannot read'));
		return report;
	} finally {
		await admin.disconnect().catch(() => undefined);
		await client.close();
	}
}

type Watermarks = Array<{partition: number; low: string; high: string}>;
type Offsets = Map<string, Watermarks>;

async function endOffsets(admin: Admin, topics: readonly string[]): Promise<Offsets> {
	const out: Offsets = new Map();
	for (const topic of topics) {
		const parts = await admin.fetchTopicOffsets(topic);
		out.set(
			topic,
			parts.map(p => ({partition: p.partition, low: p.low, high: p.high})).sort((a, b) => a.partition - b.partition),
		);
	}
	return out;
}

function topicReport(name: string, before: Watermarks, after: Watermarks, ms: number): TopicReport {
	const grown = after.reduce((sum, p) => {
		const was = before.find(b => b.partition === p.partition);
		return sum + (was ? Number(BigInt(p.high) - BigInt(was.high)) : 0);
	}, 0);
	return {
		name,
		partitions: after.map(p => ({partition: p.partition, low: p.low, high: p.high})),
		ratePerSecond: Math.round((grown * 10_000) / Math.max(1, ms)) / 10,
	};
}

async function groupReport(admin: Admin, groupId: string, topics: TopicReport[]): Promise<GroupReport> {
	const [described] = (await admin.describeGroups([groupId])).groups;
	const committed = await admin.fetchOffsets({groupId, topics: topics.map(t => t.name)});
	let lag = 0n;
	for (const t of topics) {
		const offsets = committed.find(c => c.topic === t.name)?.partitions ?? [];
		for (const p of t.partitions) {
			const c = offsets.find(o => o.partition === p.partition)?.offset;
			if (c === undefined || BigInt(c) < 0n) continue;
			const behind = BigInt(p.high) - BigInt(c);
			p.committed = c;
			p.lag = (behind > 0n ? behind : 0n).toString();
			lag += behind > 0n ? behind : 0n;
		}
	}
	return {groupId, state: described?.state ?? 'Unknown', members: described?.members.length ?? 0, lag: lag.toString()};
}
