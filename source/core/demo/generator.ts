// The demo generator: hosts booted from the seed, benign noise, queued follow-ups, and Atomic Red
// Team scenarios at intervals. One call, one event; fully determined by the seed and call order.
import {ATOMIC_IDS, atomicSteps} from './atomics.js';
import {bootHost} from './boot.js';
import {CORRELATION_SCENARIOS, correlationSteps} from './correlation-scenarios.js';
import type {GenContext, HostState, Step} from './context.js';
import {DEMO_HOSTS} from './hosts.js';
import type {DemoEvent, DemoHost} from './model.js';
import {NOISE, RARE, type NoiseKind} from './noise.js';
import {createRng} from './prng.js';

export const DEFAULT_SEED = 1;

export interface DemoGeneratorOptions {
	seed?: number;
	/** Time the demo starts (hosts booted before it), ms. */
	startTime?: number;
}

export interface DemoGenerator {
	readonly hosts: readonly DemoHost[];
	/** The next event, at `time` (clamped so that time never goes back). */
	next(time: number): DemoEvent;
}

interface Chain {
	hs: HostState;
	steps: Step[];
	/** Event index before which the chain's next step must not run. */
	due: number;
}

/** Every this many events, one of the rare categories is forced. */
const RARE_EVERY = 23;

/** The n-th item, counting round and round the list. */
function cycle<T>(items: readonly T[], n: number): T {
	if (items.length === 0) throw new RangeError('cycle through an empty list');
	return items[n % items.length]!; // n >= 0, so n % length is an index
}

export function createDemoGenerator(options: DemoGeneratorOptions = {}): DemoGenerator {
	const rng = createRng(options.seed ?? DEFAULT_SEED);
	const startTime = options.startTime ?? Date.now();
	const hosts = DEMO_HOSTS.map(h => bootHost(h, rng, startTime));
	const desktops = hosts.filter(h => h.host.os === 'windows' && h.host.machineType !== 'server' && h.sessions.length);
	const chains: Chain[] = [];
	let index = 0;
	let rareIndex = 0;
	let last = -Infinity;
	let scenarioAt = rng.int(60, 140);
	let scenarioIndex = 0;
	// The correlations' scenarios keep a schedule (and a PRNG) of their own, so the atomics' stay.
	const corrRng = createRng((options.seed ?? DEFAULT_SEED) ^ 0x5eed);
	const servers = hosts.filter(h => h.host.os === 'windows' && h.host.machineType === 'server');
	let correlationAt = corrRng.int(300, 600);
	let correlationIndex = 0;

	const ctx: GenContext = {
		rng,
		later(hs, steps) {
			if (steps.length) chains.push({hs, steps: [...steps], due: index + rng.int(1, 4)});
		},
	};

	const hostWeights = (kind: NoiseKind) =>
		hosts.filter(h => kind.os.includes(h.host.os)).map(h => [h, h.host.activity] as const);

	function fromChains(): DemoEvent | undefined {
		for (let i = 0; i < chains.length; i++) {
			const chain = chains[i]!;
			if (chain.due > index) continue;
			while (chain.steps.length) {
				const ev = (chain.steps.shift() as Step)(last);
				if (ev) {
					chain.due = index + rng.int(1, 3);
					if (!chain.steps.length) chains.splice(i, 1);
					return ev;
				}
			}
			chains.splice(i--, 1);
		}
		return undefined;
	}

	function noise(): DemoEvent {
		for (let attempt = 0; ; attempt++) {
			const forced = attempt === 0 && index % RARE_EVERY === 0;
			const kind = forced ? cycle(RARE, rareIndex++) : rng.weighted(NOISE.map(k => [k, k.weight] as const));
			const hs = rng.weighted(hostWeights(kind));
			const ev = kind.make(ctx, hs, last);
			if (ev) return ev;
			// A forced kind that did not apply (its process gone) is tried again next round.
			if (forced) rareIndex--;
		}
	}

	return {
		hosts: DEMO_HOSTS,
		next(time) {
			last = Math.max(last, time);
			index++;
			if (index >= scenarioAt && desktops.length) {
				const hs = cycle(desktops, scenarioIndex);
				const id = cycle(ATOMIC_IDS, scenarioIndex);
				scenarioIndex++;
				scenarioAt = index + rng.int(300, 600);
				chains.unshift({hs, steps: atomicSteps(ctx, hs, rng.pick(hs.sessions), id), due: index});
			}
			if (index >= correlationAt && desktops.length && servers.length) {
				const which = cycle(CORRELATION_SCENARIOS, correlationIndex);
				const server = cycle(servers, correlationIndex);
				const from = cycle(desktops, correlationIndex + 1);
				correlationIndex++;
				correlationAt = index + corrRng.int(900, 1500);
				const steps = correlationSteps({...ctx, rng: corrRng}, server, from, which);
				if (steps.length) chains.push({hs: from, steps, due: index});
			}
			// Follow-ups interleave with fresh noise, as concurrent activity does.
			const ev = rng.chance(0.6) ? (fromChains() ?? noise()) : noise();
			return ev;
		},
	};
}
