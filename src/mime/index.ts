export { readHeaderSection, headerValue, type HeaderField, type HeaderSection, type HeaderSectionLimits } from './header-section.js';
export { summarize, type SummarizeOptions } from './summary.js';
export { parseMessage, type ParsedMessage, type ParsedAttachment } from './parse.js';
export { decodeEncodedWords } from './encoded-words.js';
