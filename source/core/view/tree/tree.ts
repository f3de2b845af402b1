// The process tree of one process as rows to draw: its ancestors up to the root, itself, and every
// descendant the index knows, depth first. Reads the index only; costs the rows it returns.
import type {EdrEvent} from '../../event.js';
import type {ProcessIndex, ProcessNode} from './process-index.js';

export type TreeRole = 'ancestor' | 'focus' | 'descendant';

export interface TreeRow {
	node: ProcessNode;
	depth: number;
	role: TreeRole;
}

/** Rows past this many are left out (a tree that big is read by filtering, not scrolling). */
export const MAX_TREE_ROWS = 5000;

function byStart(a: ProcessNode, b: ProcessNode): number {
	return (a.start ?? Infinity) - (b.start ?? Infinity) || (a.seqs[a.head] ?? 0) - (b.seqs[b.head] ?? 0);
}

/** The tree of `key` as rows, root first; empty when the index does not know the process. */
export function processTree(index: ProcessIndex, key: string, maxRows = MAX_TREE_ROWS): TreeRow[] {
	const focus = index.node(key);
	if (!focus) return [];
	const rows: TreeRow[] = index.ancestors(key).map((node, depth) => ({node, depth, role: 'ancestor'}));
	const base = rows.length;
	// Depth first without recursion: a stack of [node, depth], children pushed in reverse start order.
	const stack: Array<[ProcessNode, number]> = [[focus, base]];
	const seen = new Set<string>();
	while (stack.length > 0 && rows.length < maxRows) {
		const [node, depth] = stack.pop()!;
		if (seen.has(node.key)) continue;
		seen.add(node.key);
		rows.push({node, depth, role: node === focus ? 'focus' : 'descendant'});
		const kids: ProcessNode[] = [];
		for (const k of node.children) {
			const c = index.node(k);
			if (c && !seen.has(k)) kids.push(c);
		}
		kids.sort(byStart);
		for (let i = kids.length - 1; i >= 0; i--) stack.push([kids[i]!, depth + 1]);
	}
	return rows;
}

/** The tree of the process an event is about (see ProcessIndex.focusOf), and that process's key. */
export function treeOfEvent(index: ProcessIndex, ev: EdrEvent): {key?: string; rows: TreeRow[]} {
	const key = index.focusOf(ev);
	return key === undefined ? {rows: []} : {key, rows: processTree(index, key)};
}

/** Index of the focus row (where the tree's cursor starts). */
export function focusRow(rows: readonly TreeRow[]): number {
	const i = rows.findIndex(r => r.role === 'focus');
	return i === -1 ? 0 : i;
}
