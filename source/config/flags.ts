// The flags as meow parses them (names as in cli/flags.ts). Only the types: what they mean is in
// the modules that read them.

/** The flags that say how to reach Kafka; the connection resolver reads these and no others. */
export interface ConnectionFlags {
	brokers?: string[];
	properties?: string[];
	x?: string[];
	profile?: string;
	saslMechanism?: string;
	saslUsername?: string;
	tls?: boolean;
	tlsCa?: string;
	tlsCert?: string;
	tlsKey?: string;
	tlsNoVerifyHostname?: boolean;
	tlsInsecure?: boolean;
	/** Not a flag: a profile key. */
	clientId?: string;
}

export interface ParsedFlags extends ConnectionFlags {
	demo?: boolean;
	rate?: number;
	seed?: number;
	demoFormat?: string;
	topic?: string[];
	from?: string;
	group?: string;
	commit?: boolean;
	hitsTo?: string;
	file?: string;
	follow?: boolean;
	format?: string;
	maxInflate?: number;
	rules?: string[];
	builtinRules?: boolean;
	placeholders?: string;
	minLevel?: string;
	lateAllowance?: number;
	maxGroups?: number;
	json?: boolean;
	category?: string[];
	search?: string;
	hitsOnly?: boolean;
	exitAtEnd?: boolean;
	count?: number;
	maxEvents?: number;
	color?: boolean;
	utc?: boolean;
	since?: string;
	until?: string;
}

// Every key of ConnectionFlags exactly once (the compiler checks both ways).
const CONNECTION_KEYS: Record<keyof ConnectionFlags, true> = {
	brokers: true,
	properties: true,
	x: true,
	profile: true,
	saslMechanism: true,
	saslUsername: true,
	tls: true,
	tlsCa: true,
	tlsCert: true,
	tlsKey: true,
	tlsNoVerifyHostname: true,
	tlsInsecure: true,
	clientId: true,
};

/** The connection part of the flags, nothing else (absent flags stay absent). */
export function connectionFlagsOf(flags: ConnectionFlags): ConnectionFlags {
	const out: Record<string, unknown> = {};
	for (const key of Object.keys(CONNECTION_KEYS) as Array<keyof ConnectionFlags>) {
		if (flags[key] !== undefined) out[key] = flags[key];
	}
	return out as ConnectionFlags;
}
