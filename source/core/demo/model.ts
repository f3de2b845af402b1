// The generator's own neutral event model. Renderers turn it into each wire format; nothing here
// knows about protobuf, CF2 keys or Sysmon EventData.
import type {EdrCategory} from '../event.js';

export type DemoOs = 'windows' | 'linux' | 'macos';
export type Integrity = 'LOW' | 'MEDIUM' | 'HIGH' | 'SYSTEM';

export interface DemoUser {
	/** Account name without domain: "alice.martin", "root". */
	name: string;
	/** "CORP", "NT AUTHORITY", or the host name for local accounts; empty off Windows. */
	domain: string;
	sid: string;
}

export interface DemoHost {
	name: string;
	os: DemoOs;
	osName: string;
	osRevision: string;
	agentVersion: string;
	agentUuid: string;
	machineType: 'desktop' | 'laptop' | 'server';
	ip: string;
	/** Interactive users, at least one (the first one is the usual owner of the machine). */
	users: [DemoUser, ...DemoUser[]];
	/** How busy the host is relative to the others. */
	activity: number;
}

export interface DemoHashes {
	sha1: string;
	sha256: string;
	md5: string;
}

export interface DemoProcess {
	pid: number;
	name: string;
	image: string;
	cmdline: string;
	/** "CORP\\alice.martin", "NT AUTHORITY\\SYSTEM", "root". */
	user: string;
	integrity: Integrity;
	sessionId: number;
	/** SentinelOne storyline: shared by a process and the descendants it did not hand off. */
	storyline: string;
	/** Unique process key (CF2 src.process.uid, protobuf node key). */
	uid: string;
	startTime: number;
	hashes: DemoHashes;
	/** Signer identity; undefined for unsigned binaries. */
	signer?: string;
	parent?: DemoProcess;
}

export type LoginType =
	'INTERACTIVE' | 'NETWORK' | 'REMOTE_INTERACTIVE' | 'UNLOCK' | 'SERVICE' | 'BATCH' | 'CACHED_INTERACTIVE';

/** Registry paths use HKLM\ / HKU\ and CurrentControlSet; renderers respell them per format. */
export interface DemoRegistry {
	/** Key path; for value events the value name is in valueName, not here. */
	key: string;
	valueName?: string;
	valueType?: 'REG_SZ' | 'REG_EXPAND_SZ' | 'REG_DWORD' | 'REG_QWORD' | 'REG_BINARY';
	data?: string;
	oldData?: string;
	oldKey?: string;
	exportPath?: string;
	importPath?: string;
	securityInformation?: number;
}

export interface DemoTarget {
	process?: DemoProcess;
	exitCode?: number;
	signal?: 'SIGTERM' | 'SIGKILL';
	file?: {path: string; oldPath?: string; size?: number; hashes?: DemoHashes; oldHashes?: DemoHashes};
	dns?: {query: string; /** Resolved addresses, CNAMEs first as "cname:<name>". */ answers: string[]; ok: boolean};
	network?: {
		srcIp: string;
		srcPort: number;
		dstIp: string;
		dstPort: number;
		direction: 'INCOMING' | 'OUTGOING';
		ok: boolean;
	};
	listen?: {ip: string; port: number};
	http?: {url: string; method: string; via: 'WININET' | 'CHROME' | 'SAFARI' | 'UNKNOWN'};
	registry?: DemoRegistry;
	task?: {
		name: string;
		/** Task XML file, e.g. C:\Windows\System32\Tasks\... */ path: string;
		executable?: string;
		trigger?: number;
	};
	login?: {user: DemoUser; type: LoginType; ok: boolean; reason?: string; remoteIp?: string; logonId: string};
	persistence?: {path: string; type: string; payload: string};
	/** A module (DLL) the actor loaded: Module Load events. */
	module?: {path: string; hashes: DemoHashes; signer?: string};
}

/**
 * What a demo event is: an edrtail category, or a module load, which edrtail files under "other"
 * (each format has its own subtype for it) and which Sigma's image_load rules read.
 */
export type DemoCategory = EdrCategory | 'Module Load';

export interface DemoEvent {
	category: DemoCategory;
	/** Endpoint time, ms since epoch. */
	time: number;
	host: DemoHost;
	actor: DemoProcess;
	target: DemoTarget;
	/** Atomic Red Team test this event belongs to, e.g. "T1218.010-2". */
	scenario?: string;
}
