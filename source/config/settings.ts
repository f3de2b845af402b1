// One layer of connection settings (a profile, a -F file, -X, the environment, the flags) and how
// layers merge: later wins, key by key.
import {passwordFromEnv} from './password.js';
import {splitList} from './lists.js';
import type {ConnectionFlags} from './flags.js';

/** One layer of settings; undefined means "this layer says nothing". */
export interface Settings {
	brokers?: string[];
	clientId?: string;
	tls?: boolean;
	saslRequired?: boolean;
	mechanism?: string;
	username?: string;
	password?: string;
	passwordFile?: string;
	caFile?: string;
	certFile?: string;
	keyFile?: string;
	caPem?: string;
	certPem?: string;
	keyPem?: string;
	keyPassword?: string;
	verifyCert?: boolean;
	verifyHostname?: boolean;
	connectionTimeout?: number;
	requestTimeout?: number;
}

const EXCLUSIVE: ReadonlyArray<[keyof Settings, keyof Settings]> = [
	['password', 'passwordFile'],
	['caFile', 'caPem'],
	['certFile', 'certPem'],
	['keyFile', 'keyPem'],
];

export function mergeLayers(layers: readonly Settings[]): Settings {
	const s: Settings = {};
	for (const layer of layers) {
		// A later layer that gives a secret one way replaces what an earlier one gave the other way.
		for (const [a, b] of EXCLUSIVE) {
			if (layer[a] !== undefined) delete s[b];
			if (layer[b] !== undefined) delete s[a];
		}
		assignDefined(s, layer);
	}
	return s;
}

/** Copies the keys `from` gives (not undefined) onto `to`. */
export function assignDefined(to: Settings, from: Settings): void {
	for (const [key, value] of Object.entries(from))
		if (value !== undefined) (to as Record<string, unknown>)[key] = value;
}

export function fromEnv(env: Record<string, string | undefined>): Settings {
	return {
		brokers: env.EDRTAIL_BROKERS ? splitList(env.EDRTAIL_BROKERS, 'broker') : undefined,
		username: env.EDRTAIL_SASL_USERNAME || undefined,
		...passwordFromEnv(env),
	};
}

export function fromFlags(flags: ConnectionFlags): Settings {
	const anyTlsFile = Boolean(flags.tlsCa || flags.tlsCert || flags.tlsKey);
	return {
		brokers: flags.brokers?.length ? flags.brokers.flatMap(b => splitList(b, 'broker')) : undefined,
		clientId: flags.clientId,
		// Naming a CA or client cert on the command line means TLS.
		tls: flags.tls || anyTlsFile || flags.tlsInsecure || flags.tlsNoVerifyHostname ? true : undefined,
		mechanism: flags.saslMechanism,
		username: flags.saslUsername,
		caFile: flags.tlsCa,
		certFile: flags.tlsCert,
		keyFile: flags.tlsKey,
		verifyCert: flags.tlsInsecure ? false : undefined,
		verifyHostname: flags.tlsNoVerifyHostname ? false : undefined,
	};
}
