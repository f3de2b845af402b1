// Text edrtail writes to the terminal itself (stderr messages, `rules check`): file names, property
// keys, topic names, rule text and flag values come from input, and a terminal acts on control
// characters in them (`ESC]0;...BEL` retitles it). Everything printed goes through here, with the
// one escaping function the screen uses.
import {sanitizeText} from '../core/view/index.js';

/** Each line of `text` with control, bidi and invisible characters shown as escapes. */
export function safeText(text: string): string {
	return text
		.split('\n')
		.map(line => sanitizeText(line))
		.join('\n');
}

/** `edrtail: message` on one line (a newline in the message shows as \n). */
export function say(stream: NodeJS.WritableStream, message: string): void {
	stream.write(`edrtail: ${sanitizeText(message)}\n`);
}
