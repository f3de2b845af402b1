import {useSyncExternalStore} from 'react';
import type {EventStore, StoreSnapshot} from '../core/store/index.js';

/** The store's latest immutable snapshot; re-renders at most once per store flush (50 ms). */
export function useStoreSnapshot(store: EventStore): StoreSnapshot {
	return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}
