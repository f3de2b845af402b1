// Where benign traffic goes: names, their CNAME chains and addresses, by the kind of process
// that talks to them. Addresses are the ones these services answered with at one point.

export interface Destination {
	name: string;
	cname?: string;
	ip: string;
	port: number;
}

const d = (name: string, ip: string, cname?: string, port = 443): Destination => ({name, ip, cname, port});

export const BROWSER: readonly Destination[] = [
	d('www.google.com', '142.250.179.68'),
	d('clients4.google.com', '142.250.179.65', 'clients.l.google.com'),
	d('mail.google.com', '142.250.179.69', 'googlemail.l.google.com'),
	d('github.com', '140.82.121.4'),
	d('www.linkedin.com', '13.107.42.14', 'www-linkedin-com.l-0005.l-msedge.net'),
	d('en.wikipedia.org', '185.15.58.224', 'dyna.wikimedia.org'),
	d('corp.sharepoint.com', '13.107.136.10', '193404-ipv4.farm.dprodmgd105.aa-rt.sharepoint.com'),
	d('fonts.gstatic.com', '142.250.179.99', 'gstaticadssl.l.google.com'),
	d('www.youtube.com', '142.250.179.110', 'youtube-ui.l.google.com'),
];

export const OFFICE: readonly Destination[] = [
	d('outlook.office365.com', '52.97.201.226', 'outlook.ha.office365.com'),
	d('login.microsoftonline.com', '20.190.159.4', 'login.mso.msidentity.com'),
	d('teams.microsoft.com', '52.113.194.132', 'teams.office.com'),
	d('substrate.office.com', '52.96.91.34', 'outlook.ms-acdc.office.com'),
];

/** What Outlook and Excel reach: Exchange Online, sign-in and Substrate, not Teams' service. */
export const OFFICE_APPS: readonly Destination[] = OFFICE.filter(x => x.name !== 'teams.microsoft.com');

export const WINDOWS: readonly Destination[] = [
	d('settings-win.data.microsoft.com', '20.42.65.92', 'atm-settingsfe-prod-geo2.trafficmanager.net'),
	d('ctldl.windowsupdate.com', '23.50.131.146', 'audownload.windowsupdate.nsatc.net', 80),
	d('wdcp.microsoft.com', '20.50.201.200', 'wdcp.microsoft.akadns.net'),
	d('v10.events.data.microsoft.com', '20.189.173.3', 'global.asimov.events.data.trafficmanager.net'),
];

export const DEVELOPER: readonly Destination[] = [
	d('github.com', '140.82.121.4'),
	d('api.github.com', '140.82.121.6'),
	d('registry.npmjs.org', '104.16.26.34'),
	d('marketplace.visualstudio.com', '13.107.42.18', 'vsmarketplace.trafficmanager.net'),
];

export const LINUX: readonly Destination[] = [
	d('archive.ubuntu.com', '91.189.91.83', undefined, 80),
	d('security.ubuntu.com', '185.125.190.39', undefined, 80),
	d('api.stripe.com', '54.187.216.72'),
	d('sqs.eu-west-1.amazonaws.com', '52.46.129.29'),
	d('cdn.redhat.com', '23.50.131.10', 'cdn.redhat.com.edgekey.net'),
];

export const MAC: readonly Destination[] = [
	d('www.figma.com', '3.160.212.23'),
	d('gateway.icloud.com', '17.248.211.68', 'gateway.fe2.apple-dns.net'),
	d('swscan.apple.com', '17.253.83.201', 'swscan-cdn.apple.com.akadns.net'),
	d('www.google.com', '142.250.179.68'),
];

/** Names that do not resolve: typos and stale internal records. */
export const UNRESOLVED = ['wpad.corp.example', 'printer-3f.corp.example', 'intranet-old.corp.example', 'gogle.com'];

/** Clients that reach the servers from outside (nginx access). */
export const INTERNET_CLIENTS = ['81.2.69.142', '203.0.113.77', '89.160.20.112', '175.16.199.4', '216.160.83.56'];
