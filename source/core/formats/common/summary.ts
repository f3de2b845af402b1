// One-line summaries a person wants to read, built from the normalized fields so every format
// reads alike: "cmd.exe -> regsvr32.exe /s /u /i:https://... scrobj.dll",
// "chrome.exe DNS evil.example -> 93.184.216.34", "HKLM\...\Run\updater = C:\Users\...\u.exe".
import type {Category, EventTarget, ProcessInfo} from '../../event.js';
import {basename, clip, oneLine} from './text.js';

interface SummaryInput {
	category: Category;
	subtype?: string;
	actor?: ProcessInfo;
	target: EventTarget;
	detail?: string;
}

function nameOf(p: ProcessInfo | undefined): string {
	if (!p) return '?';
	return clip(p.name ?? basename(p.image) ?? (p.pid !== undefined ? `pid ${p.pid}` : undefined), 120) ?? '?';
}

/** The command line with its leading executable path shortened to the basename. */
export function commandTail(p: ProcessInfo | undefined): string {
	const cmd = p?.cmdline?.trimStart();
	if (!cmd) return nameOf(p);
	const c = cmd.length > 1000 ? cmd.slice(0, 1000) : cmd;
	let end: number;
	let exe: string;
	if (c[0] === '"') {
		const close = c.indexOf('"', 1);
		if (close === -1) return c;
		exe = c.slice(1, close);
		end = close + 1;
	} else {
		const space = c.indexOf(' ');
		end = space === -1 ? c.length : space;
		exe = c.slice(0, end);
	}
	const short = basename(exe) ?? exe;
	return short + c.slice(end);
}

/** The addresses of an answer list (CNAME names dropped), at most three; the names if no address. */
function addressesFirst(answers: string): string {
	const all = answers.split(', ');
	const addrs = all.filter(a => {
		const c = a.charCodeAt(0);
		return (c >= 48 && c <= 57) || a.includes(':');
	});
	const list = addrs.length > 0 ? addrs : all;
	return list.slice(0, 3).join(', ') + (list.length > 3 ? ` +${list.length - 3}` : '');
}

function hostPort(ip: string | undefined, port: number | undefined): string {
	return `${ip || '?'}${port !== undefined ? `:${port}` : ''}`;
}

const REGISTRY_VERBS: Partial<Record<Category, string>> = {
	'Registry Key Creation': 'Key Create',
	'Registry Key Rename': 'Key Rename',
	'Registry Key Delete': 'Key Delete',
	'Registry Key Export': 'Key Export',
	'Registry Key Security Changed': 'Key Security Changed',
	'Registry Key Import': 'Key Import',
	'Registry Value Creation': 'Value Create',
	'Registry Value Modified': 'Value Set',
	'Registry Value Delete': 'Value Delete',
};

function build(ev: SummaryInput): string {
	const {target: t, actor} = ev;
	const a = nameOf(actor);
	switch (ev.category) {
		case 'Process Creation':
			return `${a} -> ${commandTail(t.process)}`;
		case 'Process Termination':
			return `${a} terminated${t.process ? ` ${nameOf(t.process)}` : ''}${t.exitCode !== undefined ? ` (exit ${t.exitCode})` : ''}`;
		case 'Process Exit':
			return `${a} exited${t.exitCode !== undefined ? ` (exit ${t.exitCode})` : ''}`;
		case 'File Creation':
			return `${a} created ${t.file?.path || '?'}`;
		case 'File Modification':
			return `${a} modified ${t.file?.path || '?'}`;
		case 'File Deletion':
			return `${a} deleted ${t.file?.path || '?'}`;
		case 'File Rename':
			return `${a} renamed ${t.file?.oldPath || '?'} -> ${t.file?.path || '?'}`;
		case 'DNS': {
			const d = t.dns;
			const shown = d?.answers ? addressesFirst(d.answers) : undefined;
			const answer = shown ? ` -> ${shown}` : d?.status ? ` (${d.status})` : '';
			return `${a} DNS ${d?.query || '?'}${answer}`;
		}
		case 'TCPv4 Connection': {
			const n = t.network;
			const dir = n?.direction === 'INCOMING' ? ' incoming' : '';
			const status = n?.status && n.status !== 'SUCCESS' ? ` ${n.status}` : '';
			return `${a} ${hostPort(n?.srcIp, n?.srcPort)} -> ${hostPort(n?.dstIp, n?.dstPort)}${dir}${status}`;
		}
		case 'TCPv4 Listen':
			return `${a} listening on ${hostPort(t.network?.srcIp, t.network?.srcPort)}`;
		case 'HTTP Request':
			return `${a} ${t.http?.method ?? 'HTTP'} ${t.http?.url || '?'}`;
		case 'Registry Value Creation':
		case 'Registry Value Modified': {
			const r = t.registry;
			if (r?.data === undefined) return `${REGISTRY_VERBS[ev.category]} ${r?.key || '?'}`;
			return `${r.key || '?'} = ${clip(r.data, 300)}${r.oldData !== undefined ? ` (was ${clip(r.oldData, 100)})` : ''}`;
		}
		case 'Registry Key Rename':
			return `Key Rename ${t.registry?.oldKey || '?'} -> ${t.registry?.key || '?'}`;
		case 'Registry Key Export':
			return `Key Export ${t.registry?.key || '?'}${t.registry?.path ? ` -> ${t.registry.path}` : ''}`;
		case 'Registry Key Import':
			return `Key Import ${t.registry?.key || '?'}${t.registry?.path ? ` <- ${t.registry.path}` : ''}`;
		case 'Registry Key Creation':
		case 'Registry Key Delete':
		case 'Registry Key Security Changed':
		case 'Registry Value Delete':
			return `${REGISTRY_VERBS[ev.category]} ${t.registry?.key || '?'}`;
		case 'Scheduled Task Register':
		case 'Scheduled Task Update':
		case 'Scheduled Task Delete':
		case 'Scheduled Task Start':
		case 'Scheduled Task Trigger': {
			const task = t.task;
			const verb = ev.category.slice('Scheduled Task '.length);
			const extra = task?.executable ? ` -> ${task.executable}` : task?.trigger ? ` (trigger ${task.trigger})` : '';
			return `Task ${verb} ${task?.path ?? task?.name ?? '?'}${extra}`;
		}
		case 'Login':
		case 'Logout': {
			const l = t.login;
			const type = l?.type ? ` ${l.type}` : '';
			const from = l?.remoteAddress ? ` from ${l.remoteAddress}` : '';
			const result =
				l?.result === 'failure'
					? `: failed${l.reason ? ` (${l.reason})` : ''}`
					: l?.result === 'success'
						? ': success'
						: '';
			return `${ev.category} ${l?.user ?? '?'}${type}${from}${result}`;
		}
		case 'Persistency':
			return `Persistency ${t.persistence?.type ?? ''} ${t.persistence?.path ?? '?'}`.replace('  ', ' ');
		default: {
			const object = ev.detail ?? (t.process ? nameOf(t.process) : t.file?.path);
			return `${ev.subtype ?? ev.category} ${a}${object ? ` ${object}` : ''}`;
		}
	}
}

export function summarize(ev: SummaryInput): string {
	return oneLine(build(ev));
}
