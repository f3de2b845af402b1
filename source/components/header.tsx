// Top lines: where events come from, whether the source is healthy, how fast, how much, how late,
// and whether the view follows. Segments drop by priority as the terminal narrows.
import {Box} from 'ink';
import React, {memo} from 'react';
import type {StoreSnapshot} from '../core/store/index.js';
import {compactCount, formatCount, headerLatency, sanitizeText, sparkline, zoneLabel} from '../core/view/index.js';
import type {TimeZoneMode} from '../core/view/index.js';
import {useTheme} from '../theme/theme-context.js';
import type {Theme} from '../theme/theme.js';
import {fitByPriority, LineText, type Line} from './line.js';

export interface HeaderProps {
	snapshot: StoreSnapshot;
	sourceLabel: string;
	/** Rules that did not load: detection is not what the user asked for, so the header says so. */
	skippedRules?: number;
	follow: boolean;
	newCount: number;
	width: number;
	/** 1 or 2 lines. */
	lines: number;
	/** The zone the screen's times are in (T toggles it): named in the header. */
	zone?: TimeZoneMode;
}

function statusLine(snapshot: StoreSnapshot, theme: Theme): Line {
	const {state, reason} = snapshot.status;
	const why = reason ? `: ${sanitizeText(reason, 60)}` : '';
	switch (state) {
		case 'connected':
		case 'reading':
			return [{text: `● ${state}`, style: theme.ok}];
		case 'following':
			// A file source tailing its file; "following" is the feed's own mode word.
			return [{text: '● tailing', style: theme.ok}];
		case 'ended':
			return [{text: '■ ended', style: theme.muted}];
		case 'error':
			return [{text: `✖ error${why}`, style: theme.error}];
		default:
			return [{text: `◌ ${state}${why}`, style: theme.warning}];
	}
}

export function followLine(follow: boolean, newCount: number, theme: Theme): Line {
	return follow
		? [{text: '▶ following', style: theme.ok}]
		: [{text: `⏸ paused +${formatCount(newCount)} new`, style: {...theme.warning, bold: true}}];
}

export const Header = memo(function Header({
	snapshot,
	sourceLabel,
	skippedRules = 0,
	follow,
	newCount,
	width,
	lines,
	zone = 'local',
}: HeaderProps) {
	const theme = useTheme();
	const {stats} = snapshot;
	const rate = `${formatCount(stats.rate)}/s`;
	const spark = sparkline(stats.rateHistory, 12).trimStart();
	const fill = stats.capacity > 0 ? Math.round((stats.buffered / stats.capacity) * 100) : 0;
	const latency = headerLatency(snapshot.latency);
	const name: Line = [{text: 'edrtail', style: theme.title}];
	const source: Line = [{text: sanitizeText(sourceLabel, Math.max(8, Math.floor(width / 3)))}];
	const status = statusLine(snapshot, theme);
	const rateSeg: Line = [{text: rate, style: {bold: true}}];
	const sparkSeg: Line = spark ? [{text: spark, style: theme.accent}] : [];
	// What the source sent: a correlation's row is made here from events already counted (the
	// category bar counts those rows), so a topic's count and the header's agree.
	const sent = stats.received - (stats.byCategory.correlation ?? 0);
	const total: Line = [
		{text: `${width < 60 ? compactCount(sent) : formatCount(sent)} ${sent === 1 ? 'event' : 'events'}`},
	];
	const buffer: Line = [
		{text: `buf ${compactCount(stats.buffered)}/${compactCount(stats.capacity)} ${fill}%`, style: theme.muted},
	];
	const hits: Line = stats.withHits
		? [{text: `${theme.levelGlyph.high} ${formatCount(stats.withHits)} hits`, style: theme.level.high}]
		: [];
	const undecodable: Line = stats.undecodable
		? [{text: `${formatCount(stats.undecodable)} undecodable`, style: theme.error}]
		: [];
	const lat: Line = latency ? [{text: `lat ${latency}`, style: theme.accent}] : [];
	// Kafka: records on the broker not read yet; above zero for long means the screen falls behind.
	const behind = snapshot.status.lag;
	const lag: Line =
		behind === undefined
			? []
			: [{text: `lag ${compactCount(behind)}`, style: behind > 0 ? theme.warning : theme.muted}];
	// Kafka: records fetched per second; beside the feed's own rate, it tells a slow topic from a slow screen.
	const fetched = snapshot.status.fetchRate;
	const fetchSeg: Line = fetched === undefined ? [] : [{text: `fetch ${compactCount(fetched)}/s`, style: theme.muted}];
	const skippedText = `${formatCount(skippedRules)} ${skippedRules === 1 ? 'rule' : 'rules'} skipped (r)`;
	const skipped: Line = skippedRules ? [{text: skippedText, style: theme.warning}] : [];
	const followSeg = followLine(follow, newCount, theme);
	// The offset of the zone now (a DST change during a run shows after it, in the next redraw).
	const zoneSeg: Line = [{text: zoneLabel(zone, Date.now()), style: theme.muted}];
	const opt = (line: Line, priority: number) => ({line, priority});
	if (lines >= 2) {
		const first = fitByPriority(
			[opt(name, 3), opt(source, 1), opt(status, 0), opt(rateSeg, 2), opt(sparkSeg, 5), opt(total, 4)].filter(
				o => o.line.length,
			),
			width,
		);
		const second = fitByPriority(
			[
				opt(followSeg, 0),
				opt(zoneSeg, 0.5),
				opt(lat, 1),
				opt(lag, 1.2),
				opt(fetchSeg, 1.3),
				opt(skipped, 1.5),
				opt(hits, 2),
				opt(undecodable, 3),
				opt(buffer, 4),
			].filter(o => o.line.length),
			width,
		);
		return (
			<Box flexDirection="column">
				<LineText line={first} width={width} />
				<LineText line={second} width={width} />
			</Box>
		);
	}
	const only = fitByPriority(
		[
			opt(followSeg, 0),
			opt(zoneSeg, 2.5),
			opt(status, 1),
			opt(rateSeg, 2),
			opt(source, 3),
			opt(lat, 4),
			opt(lag, 4.5),
			opt(fetchSeg, 4.7),
			opt(total, 5),
			opt(hits, 6),
			opt(undecodable, 7),
			opt(sparkSeg, 8),
			opt(skipped, 1.5),
		].filter(o => o.line.length),
		width,
		1,
	);
	return <LineText line={only} width={width} />;
});
