// Building Deep Visibility packets: the input shape (DvPacketInit) and the encoder the demo source
// and `edrtail produce` use. The shape is the export's JSON rendering (docs/formats.md §3), the
// same one the decoder puts in `raw`, so a fixture, a demo event and a decoded event read alike.
import {deflateSync} from 'node:zlib';
import protobuf from 'protobufjs';
import {PacketType} from './schema.js';

/** uint64 fields: a number (safe below 2^53) or a decimal string, as in the JSON rendering. */
export type DvUint64 = number | string;
/** EBOOL tri-state, by name or number (0 = n/a, 1 = true, 2 = false, 3 = unknown). */
export type DvBool = 'E_UNSUPPORTED' | 'E_TRUE' | 'E_FALSE' | 'E_UNKNOWN' | 0 | 1 | 2 | 3;

export interface DvTimestamp {
	millisecondsSinceEpoch?: DvUint64;
}
export interface DvUser {
	name?: string;
	sid?: string;
}
export interface DvHashes {
	sha1?: string;
	sha256?: string;
	md5?: string;
}
/** Exactly one of unsigned / signed; signed carries valid: {} or invalid: {reason}. */
export interface DvSignature {
	unsigned?: Record<string, never>;
	signed?: {identity?: string; valid?: Record<string, never>; invalid?: {reason?: string}};
}
export interface DvUniqueKey {
	key?: {value?: string};
}
export interface DvFile {
	node?: DvUniqueKey;
	creationTime?: DvTimestamp;
	path?: string;
	pUnix?: DvUint64;
	pWindows?: string;
	owner?: DvUser;
	isDir?: DvBool;
	sizeBytes?: DvUint64;
	signature?: DvSignature;
	isKernelModule?: DvBool;
	hashes?: DvHashes;
	fileLocation?: string;
}
export type DvIntegrityLevel = 'INTEGRITY_LEVEL_UNKNOWN' | 'UNTRUSTED' | 'LOW' | 'MEDIUM' | 'HIGH' | 'SYSTEM';
export interface DvProcess {
	node?: DvUniqueKey;
	executable?: DvFile;
	commandLine?: string;
	fullPid?: {pid?: number; startTime?: DvTimestamp};
	user?: DvUser;
	interactive?: DvBool;
	/** The process's own parent, for enrichment (a creator's parent = the grandparent of a child). */
	parent?: DvProcess;
	excluded?: DvBool;
	/** Basename, e.g. "cmd.exe". */
	name?: string;
	root?: DvBool;
	subsystem?: 'SUBSYSTEM_UNKNOWN' | 'WSL' | 'SYS_WIN32';
	sessionId?: number;
	integrityLevel?: DvIntegrityLevel;
	isWow64?: DvBool;
	isRedirectedCommandProcessor?: DvBool;
	activeContent?: DvFile;
	/** The storyline id lives in trueContext.key.value. */
	trueContext?: DvUniqueKey;
	counters?: Record<string, number>;
}
export interface DvIpv4Address {
	address?: string;
	port?: number;
}
export interface DvRegistryPath {
	key?: {value?: string};
	/** Hive spelled the S1 way: MACHINE\..., USER\...; a value's path ends with the value name. */
	path?: string;
}
interface WithSource {
	trueContext?: DvUniqueKey;
	source?: DvProcess;
}
interface DvLoginBase {
	base?: {trueContext?: DvUniqueKey; source?: DvProcess; user?: DvUser; type?: string; sourceAddress?: DvIpv4Address};
}

/** One member of the Event oneof per event; the 28 categories plus the "other" members. */
export interface DvEventMembers {
	processCreation?: {
		trueContext?: DvUniqueKey;
		/** The child (created) process. */
		process?: DvProcess;
		/** The creator process: the event's actor. */
		parent?: DvProcess;
		hashes?: DvHashes;
		signature?: DvSignature;
		status?: 'UNKNOWN' | 'SUCCESS' | 'BLOCKED';
	};
	processTermination?: WithSource & {
		target?: DvProcess;
		exitCode?: number;
		signal?: 'SIG_INVALID' | 'SIG_SIGKILL' | 'SIG_SIGTERM';
		parent?: DvProcess;
	};
	processExit?: WithSource & {exitCode?: number; parent?: DvProcess};
	fileCreation?: WithSource & {targetFile?: DvFile};
	fileModification?: WithSource & {
		file?: DvFile;
		sizeBytes?: DvUint64;
		signature?: DvSignature;
		isKernelModule?: DvBool;
		hashes?: DvHashes;
		oldHashes?: DvHashes;
	};
	fileDeletion?: WithSource & {targetFile?: DvFile};
	/** Note: the actor is `process`; `source` is the old file. */
	fileRename?: {trueContext?: DvUniqueKey; process?: DvProcess; source?: DvFile; destination?: DvFile};
	/** results: "type:  5 cname.example;93.184.216.34;" */
	dns?: WithSource & {query?: string; results?: string; status?: 'UNKNOWN' | 'SUCCESS' | 'FAILURE'};
	/** direction omitted = INCOMING (proto3 default). */
	tcpv4?: WithSource & {
		sourceAddress?: DvIpv4Address;
		destinationAddress?: DvIpv4Address;
		direction?: 'INCOMING' | 'OUTGOING';
		status?: 'UNKNOWN' | 'SUCCESS' | 'FAILURE' | 'BLOCKED';
	};
	tcpv4Listen?: WithSource & {local?: DvIpv4Address};
	http?: WithSource & {sourceType?: 'UNKNOWN' | 'WININET' | 'CHROME' | 'SAFARI'; url?: string; method?: string};
	persistency?: WithSource & {
		filePath?: string;
		installationTime?: DvTimestamp;
		type?: string;
		payload?: string;
		payloadCreationTime?: DvTimestamp;
	};
	login?: DvLoginBase;
	logout?: DvLoginBase;
	regKeyCreate?: WithSource & {regKey?: DvRegistryPath; owner?: DvUser};
	regKeyRename?: WithSource & {regKey?: DvRegistryPath; oldKeyName?: string};
	regKeyDelete?: WithSource & {regKey?: DvRegistryPath};
	regKeyExport?: WithSource & {regKey?: DvRegistryPath; exportPath?: string};
	regKeySecurityChanged?: WithSource & {regKey?: DvRegistryPath; securityInformation?: number};
	regKeyImport?: WithSource & {regKey?: DvRegistryPath; importPath?: string};
	regValueCreate?: WithSource & {regValue?: DvRegistryPath; valueType?: number};
	/** Data as hex strings of the raw value bytes (registryDataHex builds them). */
	regValueModified?: WithSource & {
		regValue?: DvRegistryPath;
		oldValueType?: number;
		newValueType?: number;
		oldValueData?: string;
		newValueData?: string;
	};
	regValueDelete?: WithSource & {regValue?: DvRegistryPath};
	schedTaskRegister?: WithSource & {taskName?: string};
	schedTaskUpdate?: WithSource & {taskName?: string};
	schedTaskDelete?: WithSource & {taskName?: string};
	schedTaskStart?: WithSource & {taskName?: string; executableFile?: DvFile; targetFile?: DvFile};
	schedTaskTrigger?: WithSource & {taskName?: string; triggerType?: number};
	// Members outside the 28 categories: decoded and shown as "other".
	behavioralIndicators?: Record<string, unknown> & {source?: DvProcess; indicator?: string};
	processModification?: WithSource;
	/** sha1/md5 are bytes: give base64 strings. */
	moduleLoad?: {source?: DvProcess; path?: string; sha1?: string; md5?: string};
	openProcess?: {source?: DvProcess; target?: DvProcess; desiredAccess?: number; relations?: string};
	duplicateThread?: {source?: DvProcess; target?: DvProcess; desiredAccess?: number; relations?: string};
	duplicateProcess?: {source?: DvProcess; target?: DvProcess; desiredAccess?: number; relations?: string};
	/** content is bytes: give a base64 string. */
	scripts?: {
		source?: DvProcess;
		targetFile?: DvFile;
		content?: string;
		contentHash?: DvHashes;
		originalSize?: DvUint64;
		appName?: string;
		decodedContent?: string;
	};
	remoteThread?: {source?: DvProcess; target?: DvProcess; relations?: string};
	eventLog?: {
		providerName?: string;
		eventID?: number;
		description?: string;
		level?: string;
		timeCreated?: DvTimestamp;
		channel?: string;
		originalXml?: string;
	};
}

export type DvEventMember = keyof DvEventMembers;

/** One event: the endpoint time plus exactly one member. */
export type DvEventInit = {timestamp?: DvTimestamp} & DvEventMembers;

export interface DvMetaInit {
	seqId?: number;
	/** Agent uuid. */
	uuid?: string;
	traceId?: string;
	/** e.g. "S1-WIN/21.5.7.370" */
	agentVersion?: string;
	/** e.g. "windows", "linux", "osx" */
	osFamily?: string;
	osName?: string;
	osRevision?: string;
	/** The host name: it lives only here. */
	computerName?: string;
	machineType?: string;
	mgmtUrl?: string;
}

/**
 * One Kafka message: one agent's metadata and a batch of its events, e.g.
 * `{meta: {computerName: 'WS01', osFamily: 'windows', uuid: '…'}, events: [{timestamp:
 * {millisecondsSinceEpoch: Date.now()}, processCreation: {parent: {…}, process: {…}}}], version: 'EXPORT_20'}`.
 */
export interface DvPacketInit {
	meta?: DvMetaInit;
	events?: DvEventInit[];
	version?: 'EXPORT_NA' | 'EXPORT_10' | 'EXPORT_20' | 0 | 1 | 2;
}

/**
 * Encodes a packet to the export's wire bytes, zlib-compressed by default (as SentinelOne ships
 * it); `compress: false` gives the bare protobuf. proto3 defaults in the input (direction
 * 'INCOMING', 'E_UNSUPPORTED', 0, '') are left off the wire, as an agent does. Throws a TypeError on a field of the wrong type
 * (protobufjs fromObject), so a bad fixture fails loudly where it is built.
 */
export function encodeDvPacket(packet: DvPacketInit | object, options: {compress?: boolean} = {}): Uint8Array {
	const message = PacketType.fromObject(withoutDefaults(PacketType, packet as Record<string, unknown>));
	const bytes = PacketType.encode(message).finish();
	return options.compress === false ? bytes : new Uint8Array(deflateSync(bytes));
}

function isDefault(field: protobuf.Field, value: unknown): boolean {
	if (field.repeated || field.partOf) return false; // oneof members are sent even when zero
	if (field.resolvedType instanceof protobuf.Enum)
		return value === 0 || field.resolvedType.values[value as string] === 0;
	if (field.resolvedType) return false;
	return value === 0 || value === '0' || value === '' || value === false;
}

/**
 * proto3 leaves default values off the wire, and real agents do: an INCOMING tcpv4 has no
 * direction. protobufjs would write an explicit default, so drop them first; a decoded demo
 * packet then looks like a production one.
 */
function withoutDefaults(type: protobuf.Type, obj: Record<string, unknown>): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const key of Object.keys(obj)) {
		const value = obj[key];
		const field = type.fields[key];
		if (!field || value === undefined || value === null) {
			out[key] = value;
			continue;
		}
		if (isDefault(field, value)) continue;
		const nested = field.resolvedType;
		if (nested instanceof protobuf.Type && typeof value === 'object') {
			out[key] = Array.isArray(value)
				? value.map(v => (v && typeof v === 'object' ? withoutDefaults(nested, v as Record<string, unknown>) : v))
				: withoutDefaults(nested, value as Record<string, unknown>);
		} else out[key] = value;
	}
	return out;
}

/** A registry string value as the export carries it: hex of its UTF-16LE bytes, NUL-terminated. */
export function registryDataHex(text: string): string {
	return Buffer.from(`${text}\0`, 'utf16le').toString('hex');
}

/** A REG_DWORD as the export carries it: hex of its 4 little-endian bytes. */
export function registryDwordHex(value: number): string {
	const b = Buffer.alloc(4);
	b.writeUInt32LE(value >>> 0);
	return b.toString('hex');
}
