export { SubmissionAgent, type SubmissionAgentOptions } from './submission-agent.js';
export { ownsAddress, senderNotOwned, type SenderPolicy } from './sender-policy.js';
export { saveToSent } from './sent-copy.js';
