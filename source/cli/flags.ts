// The command line, as meow reads it. Help text and flags live together so they cannot drift.
export const HELP = `
  Usage
    $ edrtail [source] [options]          live feed (full screen on a terminal, NDJSON otherwise)
    $ edrtail produce -b HOST:PORT -t TOPIC [--format F] [--rate N] [--duration D | --count N]
    $ edrtail check [-b H:P | -F FILE ...] [-t TOPIC] [--group ID] [--json]
                                          connect, authenticate, list readable topics (offsets, rate, lag)
    $ edrtail rules check PATH... [--json] [--placeholders FILE] [--format mde|cs-fdr|ocsf]
    $ edrtail help                        this help (also -h, --help)

  Sources (default: the built-in demo)
    --demo                    realistic demo telemetry, no Kafka needed
      --rate N                demo events per second (default 50)
      --seed S                demo seed: the same seed gives the same stream
      --demo-format F         wire format the demo speaks: s1-dv, s1-cf2, sysmon, mde, cs-fdr, ocsf
                              (default s1-dv)
    -b, --brokers H:P,...     Kafka bootstrap servers
    -t, --topic NAME          topic to tail; repeatable; /regex/ subscribes by pattern
    --from POS                latest | earliest | committed | ISO time | -15m | offset
                              (default latest; committed with --group: resume)
    --group ID                join this consumer group (default: an ephemeral one)
    --commit                  commit offsets (only with --group; off by default)
    --hits-to TOPIC           publish each event with a hit (its NDJSON line, keyed by host) to TOPIC
    -F, --properties FILE     kcat/librdkafka properties (bootstrap.servers, sasl.*, ssl.*)
    -X key=value              one librdkafka property; repeatable
    --profile NAME            named connection in $XDG_CONFIG_HOME/edrtail/config.json
    --sasl-mechanism M        plain | scram-sha-256 | scram-sha-512
    --sasl-username U         password from EDRTAIL_SASL_PASSWORD(_FILE), -F, or a prompt
    --tls, --tls-ca FILE, --tls-cert FILE, --tls-key FILE
    --tls-no-verify-hostname  accept a certificate for another host name (some vendor brokers)
    --tls-insecure            accept any certificate
    --file PATH, PATH         NDJSON, JSON array or documents, .gz
      --follow                keep reading as the file grows
    -                         read JSON documents from stdin (e.g. kcat -C ... | edrtail -)

  Decoding and rules
    --format F                force a format: s1-dv, s1-cf2, s1-api, sysmon, mde, cs-fdr, ocsf, json
                              (default: auto)
    --max-inflate BYTES       cap on a decompressed s1-dv packet (default 64 MiB)
    --rules PATH              Sigma rules file or directory; repeatable
    --no-builtin-rules        without the built-in rules
    --placeholders FILE       values for Sigma |expand placeholders (YAML)
    --min-level L             ignore hits below L (informational, low, medium, high, critical)
    --late-allowance S        correlations: events up to S seconds late (event time) still count (default 60)
    --max-groups N            correlations: live groups kept in all, stalest evicted (default 100000)

  Output and filters
    --json                    NDJSON, one line per event (the default when stdout is not a terminal)
    --category C              only these categories or families; repeatable or comma-separated
    --search Q                search text and field filters (host:WS01 cat:dns level>=high)
    --hits-only               only events with rule hits
    --exit-at-end             stop at end of file / the partitions' end at start
    --since T                 only events from T on (event time); Kafka also starts there (as --from T)
    --until T                 stop at the first event after T (Kafka: per partition, ends when all did)
                              T: 2026-11-27T10:00:00Z, 2026-11-27 10:00, 10:42 (today), -15m or 15m
                              (before now), +2h (after now)
    --utc                     times on screen in UTC (T toggles; default local time, TZ)
    --count N                 stop after N events
    --max-events N            events kept in memory for the screen (default 50000)
    --no-color                no colours (also NO_COLOR=1)

  Examples
    $ edrtail
    $ edrtail -b localhost:9092 -t telemetry --from -15m
    $ edrtail -F kafka.properties -t '/^dv-.*/' --rules ~/sigma/rules/windows
    $ kcat -C -b localhost:9092 -t cf2 -u | edrtail -
    $ edrtail --file events.ndjson.gz --json --hits-only
`;

export const FLAGS = {
	demo: {type: 'boolean'},
	rate: {type: 'number'},
	seed: {type: 'number'},
	demoFormat: {type: 'string'},
	brokers: {type: 'string', shortFlag: 'b', isMultiple: true},
	topic: {type: 'string', shortFlag: 't', isMultiple: true},
	from: {type: 'string'},
	group: {type: 'string'},
	commit: {type: 'boolean'},
	hitsTo: {type: 'string'},
	properties: {type: 'string', shortFlag: 'F', isMultiple: true},
	x: {type: 'string', shortFlag: 'X', isMultiple: true},
	profile: {type: 'string'},
	saslMechanism: {type: 'string'},
	saslUsername: {type: 'string'},
	tls: {type: 'boolean'},
	tlsCa: {type: 'string'},
	tlsCert: {type: 'string'},
	tlsKey: {type: 'string'},
	tlsNoVerifyHostname: {type: 'boolean'},
	tlsInsecure: {type: 'boolean'},
	file: {type: 'string'},
	follow: {type: 'boolean'},
	format: {type: 'string'},
	maxInflate: {type: 'number'},
	rules: {type: 'string', isMultiple: true},
	builtinRules: {type: 'boolean', default: true},
	placeholders: {type: 'string'},
	minLevel: {type: 'string'},
	lateAllowance: {type: 'number'},
	maxGroups: {type: 'number'},
	json: {type: 'boolean'},
	category: {type: 'string', isMultiple: true},
	search: {type: 'string'},
	hitsOnly: {type: 'boolean'},
	exitAtEnd: {type: 'boolean'},
	count: {type: 'number'},
	duration: {type: 'string'},
	partitions: {type: 'number'},
	maxEvents: {type: 'number'},
	color: {type: 'boolean', default: true},
	utc: {type: 'boolean'},
	since: {type: 'string'},
	until: {type: 'string'},
} as const;
