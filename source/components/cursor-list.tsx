// A titled list with a cursor that stays mid-list while it can (the category picker, the rules
// panel): only the rows on screen are built, the cursor's row marked and drawn in the selection style.
import {Box} from 'ink';
import React from 'react';
import {clampScroll} from '../core/view/index.js';
import {useTheme} from '../theme/theme-context.js';
import {LineText, type Line} from './line.js';

export interface CursorListProps {
	title: Line;
	/** Shown under the title when there are no rows. */
	empty?: Line;
	count: number;
	/** Row i: its React key and its line (the cursor mark is added in front). */
	row(i: number): {key: string; line: Line};
	cursor: number;
	height: number;
	width: number;
}

export function CursorList({title, empty, count, row, cursor, height, width}: CursorListProps) {
	const theme = useTheme();
	const listHeight = Math.max(1, height - 1);
	const top = clampScroll(cursor - Math.floor(listHeight / 2), count, listHeight);
	const rows: React.ReactNode[] = [<LineText key="title" line={title} width={width} />];
	if (count === 0 && empty) rows.push(<LineText key="empty" line={empty} width={width} />);
	for (let i = top; i < Math.min(count, top + listHeight); i++) {
		const {key, line} = row(i);
		const mark = {text: i === cursor ? theme.selectionGlyph : ' '};
		const style = i === cursor ? theme.selection : undefined;
		rows.push(<LineText key={key} line={[mark, ...line]} width={width} pad style={style} />);
	}
	return (
		<Box flexDirection="column" height={height} width={width}>
			{rows}
		</Box>
	);
}
