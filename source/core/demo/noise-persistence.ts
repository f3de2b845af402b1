// Legitimate persistence the agent reports: updaters and agents installing services, Run
// values, launch agents, systemd units and cron files.
import {makeEvent, pickAlive, type Maker} from './context.js';
import {homeOf} from './hosts.js';

export const persist: Maker = (ctx, hs, time) => {
	const {rng, procs} = {rng: ctx.rng, procs: hs.procs};
	const s = hs.sessions.length ? rng.pick(hs.sessions) : undefined;
	if (hs.host.os === 'windows') {
		const onedrive = s?.apps.find(p => p.name === 'OneDrive.exe' && procs.isAlive(p));
		if (s && onedrive && rng.chance(0.5)) {
			return makeEvent('Persistency', time, hs, onedrive, {
				persistence: {
					path: `HKU\\${s.user.sid}\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\OneDrive`,
					type: 'RUN_KEY',
					payload: '"C:\\Program Files\\Microsoft OneDrive\\OneDrive.exe" /background',
				},
			});
		}
		const services = pickAlive(ctx, hs, [procs.role('services')]);
		const svc = rng.pick([
			[
				'GoogleUpdaterService126.0.6432.0',
				'"C:\\Program Files (x86)\\Google\\GoogleUpdater\\126.0.6432.0\\updater.exe" --system --windows-service --service=update',
			],
			['edgeupdate', '"C:\\Program Files (x86)\\Microsoft\\EdgeUpdate\\MicrosoftEdgeUpdate.exe" /svc'],
			['MozillaMaintenance', '"C:\\Program Files (x86)\\Mozilla Maintenance Service\\maintenanceservice.exe"'],
		] as const);
		return (
			services &&
			makeEvent('Persistency', time, hs, services, {
				persistence: {path: `HKLM\\SYSTEM\\CurrentControlSet\\Services\\${svc[0]}`, type: 'SERVICE', payload: svc[1]},
			})
		);
	}
	if (hs.host.os === 'linux') {
		const systemd = pickAlive(ctx, hs, [procs.role('systemd')]);
		return (
			systemd &&
			(rng.chance(0.5)
				? makeEvent('Persistency', time, hs, systemd, {
						persistence: {
							path: '/etc/systemd/system/app-worker.service',
							type: 'SYSTEMD_SERVICE',
							payload: '/usr/bin/node /srv/app/current/worker.js --queue=mail',
						},
					})
				: makeEvent('Persistency', time, hs, systemd, {
						persistence: {
							path: '/etc/cron.d/certbot',
							type: 'CRON',
							payload:
								"0 */12 * * * root test -x /usr/bin/certbot && perl -e 'sleep int(rand(43200))' && certbot -q renew",
						},
					}))
		);
	}
	const chrome = s && pickAlive(ctx, hs, [s.browser]);
	return (
		s &&
		chrome &&
		makeEvent('Persistency', time, hs, chrome, {
			persistence: {
				path: `${homeOf(hs.host, s.user)}/Library/LaunchAgents/com.google.keystone.agent.plist`,
				type: 'LAUNCH_AGENT',
				payload: `${homeOf(hs.host, s.user)}/Library/Application Support/Google/GoogleUpdater/Current/GoogleUpdater.app/Contents/MacOS/GoogleUpdater --wake`,
			},
		})
	);
};
