// The demo estate: a small company's endpoints (Windows mostly, some Linux servers, a Mac) and
// their users. Fixed so that host names, agent ids and SIDs are the same on every run.
import {stableHex} from './prng.js';
import type {DemoHost, DemoUser} from './model.js';

const DOMAIN_SID = 'S-1-5-21-3623811015-3361044348-30300820';

function domainUser(name: string, rid: number): DemoUser {
	return {name, domain: 'CORP', sid: `${DOMAIN_SID}-${rid}`};
}

function unixUser(name: string, uid: number): DemoUser {
	return {name, domain: '', sid: String(uid)};
}

function agentUuid(host: string): string {
	const h = stableHex(`agent:${host}`, 32);
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

type HostSpec = Omit<DemoHost, 'agentUuid'>;

const WIN_AGENT = 'S1-WIN/23.4.6.347';
const LNX_AGENT = 'S1-LNX/23.4.2.14';
const MAC_AGENT = 'S1-MAC/23.4.2.7161';

const specs: HostSpec[] = [
	{
		name: 'WS-FIN-01',
		os: 'windows',
		osName: 'Windows 10 Enterprise',
		osRevision: '19045',
		agentVersion: WIN_AGENT,
		machineType: 'desktop',
		ip: '10.0.1.21',
		users: [domainUser('alice.martin', 1104)],
		activity: 5,
	},
	{
		name: 'WS-FIN-04',
		os: 'windows',
		osName: 'Windows 10 Enterprise',
		osRevision: '19045',
		agentVersion: WIN_AGENT,
		machineType: 'laptop',
		ip: '10.0.1.24',
		users: [domainUser('marc.dubois', 1117)],
		activity: 3,
	},
	{
		name: 'WS-ENG-07',
		os: 'windows',
		osName: 'Windows 11 Enterprise',
		osRevision: '22631',
		agentVersion: WIN_AGENT,
		machineType: 'laptop',
		ip: '10.0.2.37',
		users: [domainUser('dev.kim', 1142), domainUser('adm.kim', 1143)],
		activity: 6,
	},
	{
		name: 'WS-HR-03',
		os: 'windows',
		osName: 'Windows 11 Pro',
		osRevision: '22631',
		agentVersion: WIN_AGENT,
		machineType: 'desktop',
		ip: '10.0.1.45',
		users: [domainUser('s.nguyen', 1188)],
		activity: 3,
	},
	{
		name: 'SRV-DC01',
		os: 'windows',
		osName: 'Windows Server 2019 Standard',
		osRevision: '17763',
		agentVersion: WIN_AGENT,
		machineType: 'server',
		ip: '10.0.0.10',
		users: [domainUser('Administrator', 500)],
		activity: 4,
	},
	{
		name: 'SRV-FILE02',
		os: 'windows',
		osName: 'Windows Server 2022 Datacenter',
		osRevision: '20348',
		agentVersion: WIN_AGENT,
		machineType: 'server',
		ip: '10.0.0.12',
		users: [domainUser('svc-backup', 1201)],
		activity: 2,
	},
	{
		name: 'web-prod-03',
		os: 'linux',
		osName: 'Ubuntu 22.04.4 LTS',
		osRevision: '5.15.0-105-generic',
		agentVersion: LNX_AGENT,
		machineType: 'server',
		ip: '10.0.5.23',
		users: [unixUser('deploy', 1001), unixUser('root', 0)],
		activity: 4,
	},
	{
		name: 'db-prod-01',
		os: 'linux',
		osName: 'Red Hat Enterprise Linux 9.3',
		osRevision: '5.14.0-362.8.1.el9_3.x86_64',
		agentVersion: LNX_AGENT,
		machineType: 'server',
		ip: '10.0.5.31',
		users: [unixUser('dba', 1002), unixUser('root', 0)],
		activity: 2,
	},
	{
		name: 'MBP-DESIGN-02',
		os: 'macos',
		osName: 'macOS Sonoma',
		osRevision: '14.4.1',
		agentVersion: MAC_AGENT,
		machineType: 'laptop',
		ip: '10.0.3.52',
		users: [unixUser('l.chen', 501)],
		activity: 3,
	},
];

export const DEMO_HOSTS: readonly DemoHost[] = specs.map(s => ({...s, agentUuid: agentUuid(s.name)}));

export const DOMAIN_CONTROLLER_IP = '10.0.0.10';
export const FILE_SERVER_IP = '10.0.0.12';

export const SYSTEM_USER: DemoUser = {name: 'SYSTEM', domain: 'NT AUTHORITY', sid: 'S-1-5-18'};
export const LOCAL_SERVICE: DemoUser = {name: 'LOCAL SERVICE', domain: 'NT AUTHORITY', sid: 'S-1-5-19'};
export const NETWORK_SERVICE: DemoUser = {name: 'NETWORK SERVICE', domain: 'NT AUTHORITY', sid: 'S-1-5-20'};

/** "CORP\\alice.martin" on Windows, "alice" elsewhere. */
export function accountOf(user: DemoUser): string {
	return user.domain ? `${user.domain}\\${user.name}` : user.name;
}

/** The user's profile directory. */
export function homeOf(host: DemoHost, user: DemoUser): string {
	if (host.os === 'windows') return `C:\\Users\\${user.name}`;
	if (host.os === 'macos') return `/Users/${user.name}`;
	return user.name === 'root' ? '/root' : `/home/${user.name}`;
}
