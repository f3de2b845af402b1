import {useStdout} from 'ink';
import {useEffect, useState} from 'react';

export interface TerminalSize {
	columns: number;
	rows: number;
}

const FALLBACK: TerminalSize = {columns: 80, rows: 24};

function read(stdout: NodeJS.WriteStream | undefined): TerminalSize {
	const columns = stdout?.columns;
	const rows = stdout?.rows;
	return {columns: columns && columns > 0 ? columns : FALLBACK.columns, rows: rows && rows > 0 ? rows : FALLBACK.rows};
}

/**
 * The terminal's size, updated on `resize`. A fixed size (tests: ink-testing-library's stdout has
 * no rows) wins over the terminal's.
 */
export function useTerminalSize(fixed?: TerminalSize): TerminalSize {
	const {stdout} = useStdout();
	const [size, setSize] = useState(() => read(stdout));
	useEffect(() => {
		if (fixed) return;
		const onResize = () => setSize(read(stdout));
		onResize();
		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout, fixed]);
	return fixed ?? size;
}
