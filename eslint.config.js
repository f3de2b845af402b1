// ESLint for the whole repository: typescript-eslint's and react-hooks' recommended rules, and the
// layer rules that keep the pipeline readable: the core knows nothing of the UI or the command line,
// transports never decode, the store does not care where events came from, and a stage (a folder of
// source/core with an index.ts entry) is used only through its entry, so its insides can change.
import {readdirSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {defineConfig} from 'eslint/config';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import {createNodeResolver, importX} from 'eslint-plugin-import-x';

const root = dirname(fileURLToPath(import.meta.url));

// The stages of the pipeline are the folders of source/core (sources, kafka, demo, formats, rules,
// store, view; a new folder is a new stage). A stage imports another stage only through that
// stage's index.ts; inside a stage imports are free. source/core/event.ts and pipeline.ts are
// shared by all.
const stages = readdirSync(join(root, 'source/core'), {withFileTypes: true})
	.filter(entry => entry.isDirectory())
	.map(entry => entry.name);

// Pairs that a stricter zone below forbids outright (sources -> formats, store -> sources): one
// error per import is enough.
const forbidden = [
	{
		target: 'source/core/sources',
		from: 'source/core/formats',
		message: 'sources/ holds transports only: it hands on bytes and never decodes them (no formats/).',
	},
	{
		target: 'source/core/store',
		from: 'source/core/sources',
		message: 'store/ keeps events, whatever their source: it imports nothing from sources/.',
	},
];

const stageZones = stages.flatMap(target =>
	stages
		.filter(from => from !== target)
		.filter(from => !forbidden.some(f => f.target === `source/core/${target}` && f.from === `source/core/${from}`))
		.map(from => ({
			target: `source/core/${target}`,
			from: `source/core/${from}`,
			except: ['./index.ts'],
			message: `A stage reaches ${from}/ only through its entry, source/core/${from}/index.ts.`,
		})),
);

const layerZones = [
	{
		target: 'source/core',
		from: 'source',
		except: ['./core'],
		message:
			'source/core is the pure pipeline: it imports nothing from the UI (state, components, hooks, theme, ' +
			'app), source/config or source/cli.',
	},
	...forbidden,
	...stageZones,
];

const kafkajsMessage = 'Only source/core/kafka/client.ts imports kafkajs; everything else uses the kafka/ stage.';
const uiMessage = 'source/core imports no ink or react: the UI depends on the core, never the other way.';

// The package rules, for static imports (no-restricted-imports) and for import() and
// import('...').Type, which that rule does not see (no-restricted-syntax).
function packageRules({kafkajs, ui}) {
	const paths = kafkajs ? [{name: 'kafkajs', message: kafkajsMessage}] : [];
	const patterns = ui ? [{group: ['ink', 'ink/*', 'ink-*', 'react', 'react/*', 'react-*'], message: uiMessage}] : [];
	const syntax = [];
	if (kafkajs) {
		syntax.push(
			{selector: "ImportExpression[source.value='kafkajs']", message: kafkajsMessage},
			{selector: "TSImportType[argument.literal.value='kafkajs']", message: kafkajsMessage},
		);
	}
	if (ui) {
		const name = '/^(ink|react)($|-|\\u002F)/';
		syntax.push(
			{selector: `ImportExpression[source.value=${name}]`, message: uiMessage},
			{selector: `TSImportType[argument.literal.value=${name}]`, message: uiMessage},
		);
	}
	return {
		'no-restricted-imports': ['error', {paths, patterns}],
		'no-restricted-syntax': ['error', ...syntax],
	};
}

export default defineConfig(
	{ignores: ['dist/', 'node_modules/', '.cache/', 'coverage/']},
	js.configs.recommended,
	tseslint.configs.recommended,
	{
		files: ['**/*.{ts,tsx}'],
		...reactHooks.configs.flat['recommended-latest'],
	},
	{
		plugins: {'import-x': importX},
		languageOptions: {
			globals: {
				// Node's globals, the ones the code uses; the TypeScript files are checked by tsc instead
				// (no-undef is off for them, as typescript-eslint advises).
				console: 'readonly',
				process: 'readonly',
				Buffer: 'readonly',
				URL: 'readonly',
				setTimeout: 'readonly',
				clearTimeout: 'readonly',
				setInterval: 'readonly',
				clearInterval: 'readonly',
				setImmediate: 'readonly',
				performance: 'readonly',
				TextEncoder: 'readonly',
				TextDecoder: 'readonly',
			},
		},
		settings: {
			// Import paths name the compiled .js; the resolver finds the .ts/.tsx behind them, so the
			// zones below see real files.
			'import-x/resolver-next': [
				createNodeResolver({
					extensions: ['.ts', '.tsx', '.js', '.json', '.node'],
					extensionAlias: {'.js': ['.ts', '.tsx', '.js']},
					conditionNames: ['types', 'import', 'default'],
				}),
			],
		},
		rules: {
			// An import the resolver cannot follow would pass the zones unseen: every import must resolve.
			'import-x/no-unresolved': 'error',
			'import-x/no-restricted-paths': ['error', {basePath: root, zones: layerZones}],
			...packageRules({kafkajs: true, ui: false}),
		},
	},
	{
		files: ['source/core/**'],
		rules: packageRules({kafkajs: true, ui: true}),
	},
	{
		files: ['source/core/kafka/client.ts'],
		rules: packageRules({kafkajs: false, ui: true}),
	},
	{
		files: ['test/**', 'bench/**'],
		rules: {
			// Tests drive a broker with their own kafkajs client (independent of the code under test)
			// and build kafkajs-typed messages for the consumer.
			...packageRules({kafkajs: false, ui: false}),
			// Tests and benchmarks look for escape sequences in rendered output on purpose: a regex
			// with \x1b in it is the point, not a slip.
			'no-control-regex': 'off',
		},
	},
	{
		files: ['bench/**'],
		rules: {
			// The benchmarks run the build (npm run bench builds first); lint runs before any build.
			'import-x/no-unresolved': ['error', {ignore: ['^\\.\\./dist/']}],
		},
	},
);
