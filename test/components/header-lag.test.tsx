import {describe, expect, it} from 'vitest';
import React from 'react';
import {render} from 'ink-testing-library';
import {Header} from '../../source/components/header.js';
import {storeWith} from '../helpers/store.js';
import {makeEvent} from '../helpers/events.js';

function frame(lag: number | undefined, lines: number): string {
	const store = storeWith([]);
	store.setStatus(lag === undefined ? {state: 'connected'} : {state: 'connected', lag});
	store.flush();
	const {lastFrame, unmount} = render(
		<Header
			snapshot={store.getSnapshot()}
			sourceLabel="kafka k:9092 dv"
			follow
			newCount={0}
			width={100}
			lines={lines}
		/>,
	);
	const text = lastFrame() ?? '';
	unmount();
	return text;
}

describe('Header: consumer lag', () => {
	it('shows the records not read yet when the source knows them, on one line or two', () => {
		expect(frame(12_345, 2)).toMatch(/lag 12k/);
		expect(frame(0, 2)).toMatch(/lag 0\b/);
		expect(frame(12_345, 1)).toMatch(/lag 12k/);
	});

	it('shows nothing when it does not (a file, the demo)', () => {
		expect(frame(undefined, 2)).not.toMatch(/lag /);
	});
});

describe('Header: the event count', () => {
	it("counts the source's events, not the correlation rows made from them", () => {
		const events = [1, 2, 3].map(seq => makeEvent({seq}));
		const store = storeWith([...events, makeEvent({seq: 4, category: 'correlation'})]);
		const {lastFrame, unmount} = render(
			<Header snapshot={store.getSnapshot()} sourceLabel="kafka" follow newCount={0} width={100} lines={2} />,
		);
		expect(lastFrame()).toMatch(/\b3 events\b/);
		unmount();
		store.dispose();
	});
});
