// Scheduled tasks on Windows: updaters registering and refreshing their tasks, the scheduler
// triggering and starting maintenance tasks (and launching their programs).
import {MS_WINDOWS} from './boot.js';
import {makeEvent, pickAlive, type GenContext, type HostState, type Maker} from './context.js';
import type {DemoEvent, DemoProcess} from './model.js';
import {markShortLived} from './noise-process.js';

const TASKS_DIR = 'C:\\Windows\\System32\\Tasks';

interface TaskDef {
	name: string;
	executable: string;
}

const SYSTEM_TASKS: readonly TaskDef[] = [
	{
		name: '\\Microsoft\\Windows\\Windows Defender\\Windows Defender Scheduled Scan',
		executable: 'C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.24030.9-0\\MpCmdRun.exe',
	},
	{name: '\\Microsoft\\Windows\\UpdateOrchestrator\\Schedule Scan', executable: 'C:\\Windows\\system32\\usoclient.exe'},
	{name: '\\Microsoft\\Windows\\Defrag\\ScheduledDefrag', executable: 'C:\\Windows\\system32\\defrag.exe'},
	{
		name: '\\MicrosoftEdgeUpdateTaskMachineUA',
		executable: 'C:\\Program Files (x86)\\Microsoft\\EdgeUpdate\\MicrosoftEdgeUpdate.exe',
	},
];

const ARGS: Record<string, string> = {
	'MpCmdRun.exe': 'Scan -ScheduleJob -ScanTrigger 55 -IdleScheduledJob',
	'usoclient.exe': 'StartScan',
	'defrag.exe': '-c -h -o -$',
	'MicrosoftEdgeUpdate.exe': '/ua /installsource scheduler',
};

function updaterTask(ctx: GenContext, hs: HostState): {actor: DemoProcess; task: TaskDef} | undefined {
	if (hs.host.os !== 'windows') return undefined;
	const s = hs.sessions.length ? ctx.rng.pick(hs.sessions) : undefined;
	const onedrive = s?.apps.find(p => p.name === 'OneDrive.exe' && hs.procs.isAlive(p));
	if (s && onedrive && ctx.rng.chance(0.5)) {
		return {
			actor: onedrive,
			task: {
				name: `\\OneDrive Standalone Update Task-${s.user.sid}`,
				executable: `C:\\Users\\${s.user.name}\\AppData\\Local\\Microsoft\\OneDrive\\OneDriveStandaloneUpdater.exe`,
			},
		};
	}
	const actor = pickAlive(ctx, hs, [hs.procs.role('svchost-schedule')]);
	return (
		actor && {
			actor,
			task: {
				name: '\\GoogleSystem\\GoogleUpdater\\GoogleUpdaterTaskSystem126.0.6432.0{4DB3B76B-0D83-4F5C-A4E2-2AD6AC7B2A56}',
				executable: 'C:\\Program Files (x86)\\Google\\GoogleUpdater\\126.0.6432.0\\updater.exe',
			},
		}
	);
}

const taskEvent =
	(category: 'Scheduled Task Register' | 'Scheduled Task Update' | 'Scheduled Task Delete'): Maker =>
	(ctx, hs, time) => {
		const u = updaterTask(ctx, hs);
		return (
			u &&
			makeEvent(category, time, hs, u.actor, {
				task: {name: u.task.name, path: TASKS_DIR + u.task.name, executable: u.task.executable},
			})
		);
	};

export const registerTask = taskEvent('Scheduled Task Register');
export const updateTask = taskEvent('Scheduled Task Update');
export const deleteTask = taskEvent('Scheduled Task Delete');

export const triggerTask: Maker = (ctx, hs, time) => {
	const scheduler = hs.host.os === 'windows' ? hs.procs.role('svchost-schedule') : undefined;
	if (!scheduler) return undefined;
	const task = ctx.rng.pick(SYSTEM_TASKS);
	// Time trigger mostly; idle and boot triggers now and then.
	const trigger = ctx.rng.weighted([
		[1, 6],
		[6, 1],
		[8, 1],
	] as const);
	return makeEvent('Scheduled Task Trigger', time, hs, scheduler, {
		task: {name: task.name, path: TASKS_DIR + task.name, trigger},
	});
};

/** The scheduler starts the task and then launches its program. */
export const startTask: Maker = (ctx, hs, time) => {
	const scheduler = hs.host.os === 'windows' ? hs.procs.role('svchost-schedule') : undefined;
	if (!scheduler) return undefined;
	const task = ctx.rng.pick(SYSTEM_TASKS);
	const exe = task.executable.slice(task.executable.lastIndexOf('\\') + 1);
	ctx.later(hs, [
		(t): DemoEvent => {
			const p = hs.procs.spawn(
				scheduler,
				{
					image: task.executable,
					cmdline: `"${task.executable}" ${ARGS[exe] ?? ''}`.trim(),
					user: 'NT AUTHORITY\\SYSTEM',
					integrity: 'SYSTEM',
					signer: MS_WINDOWS,
				},
				t,
			);
			markShortLived(p);
			return makeEvent('Process Creation', t, hs, scheduler, {process: p});
		},
	]);
	return makeEvent('Scheduled Task Start', time, hs, scheduler, {
		task: {name: task.name, path: TASKS_DIR + task.name, executable: task.executable},
	});
};
