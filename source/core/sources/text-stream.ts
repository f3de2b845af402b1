import {StringDecoder} from 'node:string_decoder';
import type {RawRecord} from '../event.js';
import {JsonDocumentSplitter} from './json-splitter.js';

/**
 * Turns byte chunks of a text stream (file, stdin) into RawRecords, one per JSON document or
 * stray line. Multi-byte characters split across chunks are kept whole.
 */
export class TextRecordReader {
	private readonly decoder = new StringDecoder('utf8');
	private readonly splitter = new JsonDocumentSplitter();
	private documents = 0;

	constructor(private readonly origin: string) {}

	push(chunk: Buffer): RawRecord[] {
		return this.toRecords(this.splitter.push(this.decoder.write(chunk)));
	}

	end(): RawRecord[] {
		const tail = this.decoder.end();
		return this.toRecords([...(tail ? this.splitter.push(tail) : []), ...this.splitter.end()]);
	}

	private toRecords(docs: string[]): RawRecord[] {
		const receivedAt = Date.now();
		return docs.map(value => ({value, receivedAt, origin: `${this.origin}#${++this.documents}`}));
	}
}
