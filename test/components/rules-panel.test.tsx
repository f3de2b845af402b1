// Skipped rules are on the screen, not only on a stderr line the full screen hides: a count in the
// header, and `r` lists each skipped file with its reason after the loaded rules.
import {afterEach, describe, expect, it} from 'vitest';
import type {EventStore} from '../../source/core/store/index.js';
import {renderApp, type AppHarness} from '../helpers/app.js';
import {KEYS, waitForFrame} from '../helpers/ink.js';
import {storeWith} from '../helpers/store.js';

let harness: AppHarness | undefined;
let store: EventStore | undefined;
afterEach(() => {
	harness?.app.unmount();
	store?.dispose();
});

const rules = [{id: 'r1', title: 'Loaded rule', level: 'high' as const, tags: []}];
const skippedRules = [
	{path: '/rules/broken.yml', reason: 'missing detection'},
	{path: `/very/long/${'nested/'.repeat(12)}deep-rule.yml`, reason: 'missing detection'},
	{path: '/rules/multi.yml', document: 2, reason: 'correlation rule (not supported yet)'},
	{path: '/rules/evil\u001b]0;T\u0007.yml', reason: "unknown modifier 'cont\u001b]0;T\u0007ains'"},
];

describe('skipped rules on screen', () => {
	it('counts them in the header and lists them with reasons in the rules panel', async () => {
		store = storeWith([]);
		harness = await renderApp(store, {rules, skippedRules});
		await waitForFrame(harness.app, '4 rules skipped (r)');
		await harness.press('r');
		const frame = await waitForFrame(harness.app, 'missing detection');
		expect(frame).toContain('rules (1) · 4 skipped');
		// A long path keeps its file name.
		expect(frame).toMatch(/…[a-z/]*nested\/deep-rule\.yml: missing detection/);
		expect(frame).toContain('Loaded rule');
		expect(frame).toContain('/rules/broken.yml');
		expect(frame).toContain('/rules/multi.yml#2');
		// Hostile names stay escaped here as everywhere on the screen.
		expect(frame).toContain('evil\\x1b]0;T\\x07.yml');
		expect(frame).not.toContain('\u0007');
	});

	it('the cursor reaches a skipped row; enter there filters nothing and closes the panel', async () => {
		store = storeWith([]);
		harness = await renderApp(store, {rules, skippedRules});
		await harness.press('r');
		await waitForFrame(harness.app, 'missing detection');
		await harness.press(KEYS.down);
		await harness.press(KEYS.enter);
		const frame = await waitForFrame(harness.app, f => !f.includes('missing detection'));
		expect(frame).not.toContain('rule:');
	});

	it('says no rules loaded, and why, when every rule was skipped', async () => {
		store = storeWith([]);
		harness = await renderApp(store, {rules: [], skippedRules: skippedRules.slice(0, 1)});
		await waitForFrame(harness.app, '1 rule skipped (r)');
		await harness.press('r');
		const frame = await waitForFrame(harness.app, 'missing detection');
		expect(frame).toContain('no rules loaded');
	});
});
