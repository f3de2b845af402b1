// The sources stage's entry: every input behind one interface (EventSource -> RecordSink). Sources
// read bytes and hand them on undecoded; nothing here imports formats/. See README.md.
export type {ConnectionState, SourceStatus} from '../event.js';
export type {EventSource, RecordSink} from './event-source.js';
export {createArraySource} from './array-source.js';
export {createDemoSource, type DemoSourceOptions} from './demo-source.js';
export {createFileSource, type FileSourceOptions} from './file-source.js';
export {createStreamSource} from './stdin-source.js';
export {JsonDocumentSplitter} from './json-splitter.js';
export {TextRecordReader} from './text-stream.js';
export {describeStartPosition, parseStartPosition, type StartPosition} from './start-position.js';
export {createKafkaSource, type KafkaSourceOptions} from './kafka/index.js';
