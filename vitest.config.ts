import {defineConfig} from 'vitest/config';

// Two projects: "unit" (pure core, reducer, components; no network) and "e2e" (a real Kafka broker
// started by test/e2e/global-setup.ts, and real terminals under tmux). `npm test` runs both.
export default defineConfig({
	test: {
		projects: [
			{
				test: {
					name: 'unit',
					include: ['test/**/*.test.{ts,tsx}'],
					exclude: ['test/e2e/**', 'node_modules/**'],
					environment: 'node',
					// Tests assert behaviour, not speed: the fuzz and corpus tests take seconds on a loaded
					// 2-core machine, and vitest's 5 s default would fail them for the load alone.
					testTimeout: 60_000,
					// Prints once why the Sigma corpus tests are skipped, when they are.
					globalSetup: ['test/helpers/sigma-corpus-notice.ts'],
				},
			},
			{
				test: {
					name: 'e2e',
					include: ['test/e2e/**/*.test.{ts,tsx}'],
					environment: 'node',
					globalSetup: ['test/e2e/global-setup.ts'],
					testTimeout: 120_000,
					hookTimeout: 180_000,
					// One file at a time, in one worker: the files share one broker and spawn terminals.
					// (fileParallelism is a root-only option that vitest ignores inside a project.)
					pool: 'forks',
					poolOptions: {forks: {singleFork: true}},
				},
			},
		],
	},
});
