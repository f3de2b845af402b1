import {describe, it, expect} from 'vitest';
import {
	ConfigError,
	configFilePath,
	ignoredWarning,
	parseProperties,
	resolveConnection,
	resolveKafkaConnection,
	type ConnectionFlags,
} from '../../source/config/index.js';
import {describeConnection, needsPassword, withPassword} from '../../source/core/kafka/index.js';

/** A reader over an in-memory file tree; missing files throw ENOENT like fs does. */
function reader(files: Record<string, string>) {
	return (path: string): string => {
		const text = Object.hasOwn(files, path) ? files[path] : undefined;
		if (text !== undefined) return text;
		const error = new Error(`ENOENT: no such file or directory, open '${path}'`) as NodeJS.ErrnoException;
		error.code = 'ENOENT';
		throw error;
	};
}

const HOME_ENV = {HOME: '/home/u'};
const CONFIG = '/home/u/.config/edrtail/config.json';

function resolve(
	flags: ConnectionFlags,
	files: Record<string, string> = {},
	env: Record<string, string | undefined> = HOME_ENV,
) {
	return resolveKafkaConnection({flags, env, readFile: reader(files)});
}

describe('resolveKafkaConnection', () => {
	it('gives a plaintext connection from --brokers alone, with the default port when none is given', () => {
		const c = resolve({brokers: ['k1:9093,k2', 'k3:19092']});
		expect(c.brokers).toEqual(['k1:9093', 'k2:9092', 'k3:19092']);
		expect(c.ssl).toBeUndefined();
		expect(c.sasl).toBeUndefined();
		expect(c.clientId).toBe('edrtail');
		expect(needsPassword(c)).toBe(false);
	});

	it('reads the Event Hubs recipe: SASL PLAIN over TLS as $ConnectionString, a 60 s request timeout', () => {
		const secret = 'Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=listen;SharedAccessKey=K3y=';
		const files = {
			'/etc/eh.properties': [
				'bootstrap.servers=ns.servicebus.windows.net:9093',
				'security.protocol=SASL_SSL',
				'sasl.mechanisms=PLAIN',
				'sasl.username=$ConnectionString',
				`sasl.password=${secret}`,
				'',
			].join('\n'),
		};
		const c = resolve({properties: ['/etc/eh.properties']}, files);
		expect(c.sasl).toEqual({mechanism: 'plain', username: '$ConnectionString', password: secret});
		expect(c.ssl?.rejectUnauthorized).toBe(true);
		expect(c.requestTimeout).toBe(60_000);
		expect(describeConnection(c)).not.toContain('SharedAccessKey');
		// A Kafka cluster keeps the usual 30 s; a request.timeout.ms given wins over both.
		expect(resolve({brokers: ['kafka.example:9093']}).requestTimeout).toBe(30_000);
		const set = {...files, '/etc/eh2.properties': `${files['/etc/eh.properties']}request.timeout.ms=90000\n`};
		expect(resolve({properties: ['/etc/eh2.properties']}, set).requestTimeout).toBe(90_000);
	});

	it('reads a kcat properties file: SASL_SSL with SCRAM-SHA-512, a CA and no hostname verification', () => {
		const files = {
			'/etc/k.properties': [
				'# S1 hosted Kafka',
				'bootstrap.servers=SASL_SSL://broker.example:9094, broker2.example:9094',
				'security.protocol=SASL_SSL',
				'sasl.mechanisms=SCRAM-SHA-512',
				'sasl.username=alice',
				'sasl.password=s3cret=with=equals',
				'ssl.ca.location=/etc/ca.pem',
				'ssl.endpoint.identification.algorithm=none',
				'group.id=ignored-here',
				'',
			].join('\n'),
			'/etc/ca.pem': '-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n',
		};
		const c = resolve({properties: ['/etc/k.properties']}, files);
		expect(c.brokers).toEqual(['broker.example:9094', 'broker2.example:9094']);
		expect(c.sasl).toEqual({mechanism: 'scram-sha-512', username: 'alice', password: 's3cret=with=equals'});
		expect(c.ssl?.ca).toContain('BEGIN CERTIFICATE');
		expect(c.ssl?.caFile).toBe('/etc/ca.pem');
		expect(c.ssl?.rejectUnauthorized).toBe(true);
		expect(c.ssl?.verifyHostname).toBe(false);
		expect(c.ignoredKeys).toEqual(['group.id']);
	});

	it('layers profile < properties file < -X < env < flags', () => {
		const files = {
			[CONFIG]: JSON.stringify({
				profiles: {
					lab: {
						'bootstrap.servers': 'profile:1',
						'sasl.mechanism': 'PLAIN',
						'sasl.username': 'from-profile',
						'client.id': 'lab-client',
					},
				},
			}),
			'/p': 'bootstrap.servers=file:1\nsasl.username=from-file\n',
		};
		expect(resolve({profile: 'lab'}, files).brokers).toEqual(['profile:1']);
		expect(resolve({profile: 'lab'}, files).clientId).toBe('lab-client');
		expect(resolve({profile: 'lab', properties: ['/p']}, files).brokers).toEqual(['file:1']);
		expect(resolve({profile: 'lab', properties: ['/p']}, files).sasl?.username).toBe('from-file');
		expect(resolve({profile: 'lab', properties: ['/p'], x: ['bootstrap.servers=x:1']}, files).brokers).toEqual(['x:1']);
		const env = {...HOME_ENV, EDRTAIL_BROKERS: 'env:1', EDRTAIL_SASL_USERNAME: 'from-env'};
		const fromEnv = resolve({profile: 'lab', properties: ['/p'], x: ['bootstrap.servers=x:1']}, files, env);
		expect(fromEnv.brokers).toEqual(['env:1']);
		expect(fromEnv.sasl?.username).toBe('from-env');
		const fromFlags = resolve(
			{
				profile: 'lab',
				properties: ['/p'],
				brokers: ['flag:1'],
				saslUsername: 'from-flag',
				saslMechanism: 'scram-sha-256',
			},
			files,
			env,
		);
		expect(fromFlags.brokers).toEqual(['flag:1']);
		expect(fromFlags.sasl).toMatchObject({username: 'from-flag', mechanism: 'scram-sha-256'});
		expect(fromFlags.profile).toBe('lab');
	});

	it('uses $XDG_CONFIG_HOME, a default profile, and profile keys named like the flags', () => {
		const env = {HOME: '/home/u', XDG_CONFIG_HOME: '/xdg'};
		expect(configFilePath(env)).toBe('/xdg/edrtail/config.json');
		const files = {
			'/xdg/edrtail/config.json': JSON.stringify({
				defaultProfile: 's1',
				profiles: {
					s1: {
						brokers: 'a:1,b:2',
						saslMechanism: 'scram-sha-512',
						saslUsername: 'svc',
						saslPasswordFile: '/run/pw',
						tlsCa: '/ca',
					},
				},
			}),
			'/run/pw': 'from-file\n',
			'/ca': 'PEM',
		};
		const c = resolve({}, files, env);
		expect(c.brokers).toEqual(['a:1', 'b:2']);
		expect(c.sasl).toEqual({mechanism: 'scram-sha-512', username: 'svc', password: 'from-file'});
		expect(c.ssl?.ca).toBe('PEM');
		expect(c.profile).toBe('s1');
	});

	it('says which profiles exist when the named one does not, and that the file is missing', () => {
		const files = {[CONFIG]: JSON.stringify({profiles: {lab: {brokers: 'a:1'}, prod: {brokers: 'b:1'}}})};
		expect(() => resolve({profile: 'nope', brokers: ['x:1']}, files)).toThrow(/profile "nope" not found .*lab, prod/);
		expect(() => resolve({profile: 'lab'}, {})).toThrow(/profile "lab": no config file/);
		expect(() => resolve({brokers: ['x:1']}, {[CONFIG]: '{oops'})).toThrow(/not valid JSON/);
		// No profile asked for and no config file: fine.
		expect(resolve({brokers: ['x:1']}, {}).profile).toBeUndefined();
	});

	it('takes the password from env, a password file, or a properties file, never from a flag, and asks otherwise', () => {
		const base = {brokers: ['k:1'], saslMechanism: 'PLAIN', saslUsername: 'bob'};
		const prompt = resolve(base);
		expect(needsPassword(prompt)).toBe(true);
		expect(prompt.sasl?.password).toBeUndefined();
		expect(withPassword(prompt, 'typed').sasl?.password).toBe('typed');
		expect(resolve(base, {}, {...HOME_ENV, EDRTAIL_SASL_PASSWORD: 'env-pw'}).sasl?.password).toBe('env-pw');
		expect(resolve(base, {'/pw': 'file-pw\n'}, {...HOME_ENV, EDRTAIL_SASL_PASSWORD_FILE: '/pw'}).sasl?.password).toBe(
			'file-pw',
		);
		// Env beats the properties file, also when env names a password file.
		const files = {'/p': 'sasl.password=prop-pw\n', '/pw': 'file-pw'};
		expect(resolve({...base, properties: ['/p']}, files).sasl?.password).toBe('prop-pw');
		expect(
			resolve({...base, properties: ['/p']}, files, {...HOME_ENV, EDRTAIL_SASL_PASSWORD_FILE: '/pw'}).sasl?.password,
		).toBe('file-pw');
		expect(() => resolve(base, {}, {...HOME_ENV, EDRTAIL_SASL_PASSWORD_FILE: '/missing'})).toThrow(
			/cannot read password file \/missing: no such file/,
		);
	});

	it('turns TLS on from --tls or any --tls-* flag, and reads the PEM files', () => {
		expect(resolve({brokers: ['k:1'], tls: true}).ssl).toEqual({rejectUnauthorized: true, verifyHostname: true});
		const files = {'/ca': 'CA', '/c': 'CERT', '/k': 'KEY'};
		const c = resolve({brokers: ['k:1'], tlsCa: '/ca', tlsCert: '/c', tlsKey: '/k', tlsNoVerifyHostname: true}, files);
		expect(c.ssl).toMatchObject({ca: 'CA', cert: 'CERT', key: 'KEY', rejectUnauthorized: true, verifyHostname: false});
		const insecure = resolve({brokers: ['k:1'], tlsInsecure: true});
		expect(insecure.ssl).toMatchObject({rejectUnauthorized: false, verifyHostname: false});
		expect(() => resolve({brokers: ['k:1'], tlsCert: '/c'}, files)).toThrow(/needs its key/);
		expect(() => resolve({brokers: ['k:1'], tlsCa: '/nope'}, files)).toThrow(
			/cannot read CA file \/nope: no such file/,
		);
		// security.protocol=PLAINTEXT with stray ssl.* keys stays plaintext, as librdkafka does.
		expect(resolve({properties: ['/p']}, {'/p': 'bootstrap.servers=k:1\nssl.ca.location=/ca\n'}).ssl).toBeUndefined();
		// Flags win over a properties file that says plaintext.
		expect(
			resolve({properties: ['/p'], tls: true}, {'/p': 'bootstrap.servers=k:1\nsecurity.protocol=PLAINTEXT\n'}).ssl,
		).toBeDefined();
	});

	it('maps enable.ssl.certificate.verification and the -X form of every key', () => {
		const c = resolve({
			x: [
				'bootstrap.servers=k:1',
				'security.protocol=ssl',
				'enable.ssl.certificate.verification=false',
				'client.id=me',
				'socket.connection.setup.timeout.ms=2500',
			],
		});
		expect(c.ssl?.rejectUnauthorized).toBe(false);
		expect(c.clientId).toBe('me');
		expect(c.connectionTimeout).toBe(2500);
		expect(() => resolve({x: ['bootstrap.servers']})).toThrow(/-X bootstrap.servers: expected key=value/);
	});

	it('rejects what it cannot honour with one-line reasons', () => {
		const cases: Array<[ConnectionFlags, Record<string, string>, RegExp]> = [
			[{}, {}, /no brokers/],
			[{brokers: ['k:1'], saslUsername: 'u'}, {}, /needs a mechanism/],
			[{brokers: ['k:1'], saslMechanism: 'GSSAPI', saslUsername: 'u'}, {}, /GSSAPI.*not supported/],
			[{brokers: ['k:1'], saslMechanism: 'plain'}, {}, /needs a username/],
			[{properties: ['/p']}, {'/p': 'bootstrap.servers=k:1\nsecurity.protocol=SASL_SSL\n'}, /needs a mechanism/],
			[
				{properties: ['/p']},
				{'/p': 'bootstrap.servers=k:1\nsecurity.protocol=TLS\n'},
				/\/p: security.protocol: "TLS" is not PLAINTEXT/,
			],
			[{properties: ['/p']}, {'/p': 'bootstrap.servers=k:1\njust a line\n'}, /\/p:2: expected key=value/],
			[{properties: ['/missing']}, {}, /cannot read -F file \/missing: no such file/],
			[{brokers: ['k:99999']}, {}, /port out of range/],
			[{brokers: ['http://k:1/x']}, {}, /not HOST:PORT/],
			[{x: ['bootstrap.servers=k:1', 'enable.ssl.certificate.verification=maybe']}, {}, /expected true or false/],
		];
		for (const [flags, files, message] of cases) {
			let error: Error | undefined;
			try {
				resolve(flags, files);
			} catch (e) {
				error = e as Error;
			}
			expect(error?.message, JSON.stringify(flags)).toMatch(message);
			expect(error?.message).not.toContain('\n');
		}
	});
});

describe('describeConnection', () => {
	it('names brokers, protocol, mechanism, user and TLS choices, and never the password', () => {
		const c = resolve(
			{
				brokers: ['k:9094'],
				saslMechanism: 'scram-sha-512',
				saslUsername: 'alice',
				tlsCa: '/ca',
				tlsNoVerifyHostname: true,
			},
			{'/ca': 'CA'},
			{...HOME_ENV, EDRTAIL_SASL_PASSWORD: 'hunter2'},
		);
		const text = describeConnection(c);
		expect(text).toBe('k:9094 (SASL_SSL, SCRAM-SHA-512 as alice, CA /ca, no hostname verification)');
		expect(text).not.toContain('hunter2');
		expect(describeConnection(resolve({brokers: ['k:1']}))).toBe('k:1 (PLAINTEXT)');
		expect(describeConnection(resolve({brokers: ['k:1'], tlsInsecure: true}))).toContain('certificate NOT verified');
	});
});

describe('parseProperties', () => {
	it('skips comments and blank lines and keeps = inside values', () => {
		expect(parseProperties('# c\n! c\n\n a = b=c \r\nx=\n', 'f')).toEqual([
			['a', 'b=c'],
			['x', ''],
		]);
	});
});

describe('resolveConnection', () => {
	const files = reader({});
	it('asks for the password once, naming the user, only when SASL is on and nothing gave one', async () => {
		const asked: string[] = [];
		const askPassword = async (user: string) => {
			asked.push(user);
			return 'typed';
		};
		const sasl = {brokers: ['k:1'], saslMechanism: 'plain', saslUsername: 'bob'};
		const c = await resolveConnection({flags: sasl, env: HOME_ENV, readFile: files, askPassword});
		expect(c.sasl?.password).toBe('typed');
		expect(asked).toEqual(['bob']);
		const env = {...HOME_ENV, EDRTAIL_SASL_PASSWORD: 'env'};
		await resolveConnection({flags: sasl, env, readFile: files, askPassword});
		await resolveConnection({flags: {brokers: ['k:1']}, env: HOME_ENV, readFile: files, askPassword});
		expect(asked).toEqual(['bob']);
	});

	it('fails before asking when the connection itself is wrong', async () => {
		const askPassword = () => Promise.reject(new Error('must not ask'));
		const resolving = resolveConnection({flags: {saslUsername: 'bob'}, env: HOME_ENV, readFile: files, askPassword});
		await expect(resolving).rejects.toThrow(/no brokers/);
	});
});

describe('secrets and unknown keys in -F, -X and profiles', () => {
	const errorOf = (flags: ConnectionFlags, files: Record<string, string> = {}) => {
		try {
			resolve(flags, files);
		} catch (error) {
			expect(error, 'a usage error, exit 2').toBeInstanceOf(ConfigError);
			return (error as Error).message;
		}
		throw new Error('no error');
	};

	it('a properties line without = never shows its value', () => {
		const file = (line: string) => ({'/p': `bootstrap.servers=k:1\n${line}\n`});
		expect(errorOf({properties: ['/p']}, file('sasl.password S3cr3tP@ssw0rd!'))).toBe(
			'/p:2: expected key=value on the sasl.password line (its value is not shown)',
		);
		expect(errorOf({properties: ['/p']}, file('ssl.keystore.password: S3cr3t'))).not.toContain('S3cr3t');
		// A line that is only a password, or the Java "key value" form of a key edrtail does not know.
		expect(errorOf({properties: ['/p']}, file('S3cr3tP@ssw0rd!'))).toBe(
			'/p:2: expected key=value (the line is not shown: it may hold a secret)',
		);
		expect(errorOf({properties: ['/p']}, file('security.protocol SASL_SSL'))).toBe(
			'/p:2: expected key=value, got security.protocol without "="',
		);
	});

	it('refuses a secret from -X and says where it may come from', () => {
		const pw = errorOf({brokers: ['k:1'], x: ['sasl.password=S3cr3t']});
		expect(pw).not.toContain('S3cr3t');
		expect(pw).toMatch(
			/^-X sasl.password: a secret never comes from a flag \(flags show in ps\): use EDRTAIL_SASL_PASSWORD, /,
		);
		for (const key of ['ssl.key.password', 'ssl.keystore.password', 'sasl.oauthbearer.client.secret', 'ssl.key.pem']) {
			expect(errorOf({brokers: ['k:1'], x: [`${key}=S3cr3t`]})).toContain(
				`-X ${key}: a secret never comes from a flag`,
			);
		}
		expect(errorOf({brokers: ['k:1'], x: ['sasl.password S3cr3t']})).toBe('-X sasl.password: expected key=value');
		// From a file it is fine.
		expect(
			resolve(
				{properties: ['/p']},
				{'/p': 'bootstrap.servers=k:1\nsasl.password=S3cr3t\nsasl.mechanism=PLAIN\nsasl.username=u\n'},
			).sasl?.password,
		).toBe('S3cr3t');
	});

	it('refuses a key librdkafka does not know, with the nearest one; keeps the ones it knows as ignored', () => {
		expect(errorOf({brokers: ['k:1'], x: ['bogus.key=1']})).toBe('-X bogus.key: unknown property');
		expect(errorOf({brokers: ['k:1'], x: ['sasl.mechansim=PLAIN']})).toBe(
			'-X sasl.mechansim: unknown property (did you mean sasl.mechanism?)',
		);
		expect(errorOf({properties: ['/p']}, {'/p': 'bootstrap.servers=k:1\nsecurity.protocl=SSL\n'})).toBe(
			'/p: security.protocl: unknown property (did you mean security.protocol?)',
		);
		const c = resolve(
			{properties: ['/p'], x: ['fetch.wait.max.ms=100']},
			{'/p': 'bootstrap.servers=k:1\ngroup.id=g\nauto.offset.reset=earliest\n'},
		);
		expect(c.ignoredKeys).toEqual(['group.id', 'auto.offset.reset', 'fetch.wait.max.ms']);
		expect(ignoredWarning(c.ignoredKeys)).toBe(
			'ignored: group.id (edrtail uses --group), auto.offset.reset (edrtail uses --from), fetch.wait.max.ms: librdkafka settings edrtail does not use',
		);
		expect(ignoredWarning([])).toBeUndefined();
	});

	it('refuses an unknown profile key, and a broken profile file without quoting it', () => {
		const profile = (p: object) => ({[CONFIG]: JSON.stringify({profiles: {lab: p}})});
		expect(errorOf({profile: 'lab'}, profile({brokers: 'k:1', saslUser: 'u'}))).toBe(
			`${CONFIG} profile lab: unknown key saslUser (did you mean saslUsername?)`,
		);
		expect(errorOf({profile: 'lab'}, profile({brokers: 'k:1', 'sasl.usrname': 'u'}))).toContain(
			'unknown property (did you mean sasl.username?)',
		);
		const broken = errorOf({profile: 'lab'}, {[CONFIG]: '{"profiles": {"lab": {"sasl.password": hunter2}}}'});
		// Node's own message here quotes the text around the error: the password.
		expect(broken).toBe(`${CONFIG}: not valid JSON`);
		expect(errorOf({profile: 'lab'}, {[CONFIG]: '{\n "profiles": {oops'})).toBe(
			`${CONFIG}: not valid JSON at line 2 column 15`,
		);
	});

	it('names a broker that looks like a connection string without showing it', () => {
		const message = errorOf({
			brokers: ['Endpoint=sb://ns.example.net/;SharedAccessKeyName=Root;SharedAccessKey=c2VjcmV0'],
		});
		expect(message).toBe('a broker entry that looks like a connection string (not shown) is not HOST:PORT');
		expect(errorOf({brokers: ['user:S3cr3t@k:9092']})).not.toContain('S3cr3t');
	});

	it('every problem of the connection is a usage error', () => {
		for (const flags of [
			{},
			{brokers: ['k:1'], saslMechanism: 'gssapi', saslUsername: 'u'},
			{x: ['foo']},
			{properties: ['/missing']},
		]) {
			errorOf(flags);
		}
	});
});
