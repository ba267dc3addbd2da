export { DkimKeys, dkimDnsRecord, generateDkimKey, type DkimAlgorithm, type DkimKey } from './keys.js';
export { headerFromDomain, signWithDkim } from './sign.js';
export { dkimSigningQueue } from './signing-queue.js';
