import type {EdrEvent} from '../event.js';

/** An event as decode produces it: the pipeline adds `seq`. */
export type DecodedEvent = Omit<EdrEvent, 'seq'>;
