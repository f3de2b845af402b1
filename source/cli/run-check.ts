// `edrtail check [connection options] [-t TOPIC] [--group G] [--json]`: connects, authenticates, and
// lists the topics the broker lets us see with partitions, end offsets and message rate, and a
// group's lag. It fails fast: a failure is the one sentence of core/kafka/faults.ts and its own
// exit code (exit-codes.ts, README "Exit codes"), never a retry loop.
import {buildCheckConfig, type ParsedFlags} from '../config/index.js';
import {describeConnection, inspectCluster, type ClusterReport, type KafkaConnection} from '../core/kafka/index.js';
import {EXIT, errorExitCode} from './exit-codes.js';
import {resolveConnectionFromFlags, warnIgnoredKeys} from './make-source.js';
import {safeText, say} from './output.js';

export interface CheckIo {
	out: NodeJS.WritableStream;
	err: NodeJS.WritableStream;
	/** How long end offsets are watched for the rate (tests shorten it). */
	sampleMs?: number;
}

export async function runCheckCommand(flags: ParsedFlags, rest: string[], io: CheckIo): Promise<number> {
	const config = buildCheckConfig(flags, rest);
	const connection = await resolveConnectionFromFlags(config.connection);
	warnIgnoredKeys(connection);
	try {
		const report = await inspectCluster({
			connection,
			topics: config.topics,
			groupId: config.group,
			sampleMs: io.sampleMs,
		});
		io.out.write(config.json ? `${JSON.stringify(report)}\n` : formatReport(report, connection));
		return EXIT.ok;
	} catch (error) {
		say(io.err, (error as Error).message);
		return errorExitCode(error);
	}
}

/** The report as text: a connection line, then one block per topic; never the password. */
export function formatReport(report: ClusterReport, connection: KafkaConnection): string {
	const lines: string[] = [];
	lines.push(`connected${connection.sasl ? ' and authenticated' : ''} to ${describeConnection(connection)}`);
	lines.push(`cluster ${report.clusterId}: ${report.brokers.length} broker(s) ${report.brokers.join(', ')}`);
	const group = report.group;
	lines.push(
		report.topics.length
			? `${report.topics.length} topic(s) this client may see:`
			: 'no topic this client may see (with ACLs on, the broker shows only topics you may describe)',
	);
	for (const t of report.topics) {
		const end = t.partitions.reduce((sum, p) => sum + BigInt(p.high) - BigInt(p.low), 0n);
		lines.push(`  ${t.name}: ${t.partitions.length} partition(s), ${end} record(s) kept, ${t.ratePerSecond} msg/s now`);
		for (const p of t.partitions) {
			const lag = group
				? p.lag === undefined
					? ', nothing committed'
					: `, committed ${p.committed}, lag ${p.lag}`
				: '';
			lines.push(`    partition ${p.partition}: offsets ${p.low}..${p.high}${lag}`);
		}
	}
	if (group) {
		lines.push(`group ${group.groupId}: ${group.state}, ${group.members} member(s), lag ${group.lag} in total`);
	}
	return `${lines.map(line => safeText(line)).join('\n')}\n`;
}
