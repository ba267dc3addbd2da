// The public API of posthouse, re-exported from the roles; nothing is defined here.
export { createMailServer, MailServer } from './server.js';
export type { MailServerOptions, MailServerAddresses, SmtpListenerOptions, ListenerOptions, TlsCredentials, Pop3ListenerOptions, ImapListenerOptions } from './server.js';

export type * from './interfaces/index.js';
export { ErrorCodes, PosthouseError, isPosthouseError, StoreError, SmtpError, toSmtpError } from './errors/index.js';
export type { ErrorCode } from './errors/index.js';

export { parseAddress, normalizeAddress, formatAddress, type AddressOptions, type ParsedAddress } from './core/address.js';
export { bufferSource, chunkSource, toMessageSource } from './core/message-source.js';
export { TypedEmitter } from './core/typed-emitter.js';
export { silentLogger } from './core/logger.js';

export { memoryStore, MemoryStore, levelStore, LevelStore, AbstractStore } from './store/index.js';
export type { MemoryStoreOptions, LevelStoreOptions, AbstractStoreOptions } from './store/index.js';
export { createDirectory, type DirectoryOptions } from './directory/index.js';
export { Deliverer, type DelivererOptions, type SummaryMode, type SummaryOptions } from './deliverer/index.js';
export { Receiver, DEFAULT_RECEIVER_LIMITS, generateDevCertificate } from './receiver/index.js';
export type { ReceiverOptions, ReceiverLimits, ReceiverAddress, Authenticator, BareLineEndingPolicy } from './receiver/index.js';
export { Pop3Server, Pop3Error, DEFAULT_POP3_LIMITS, type Pop3ServerOptions, type Pop3ListenOptions, type Pop3Address, type Pop3Limits, type Pop3ResponseCode } from './access/pop3/index.js';
export { ImapServer, ImapError, DEFAULT_IMAP_LIMITS, type ImapServerOptions, type ImapAddresses, type ImapLimits } from './access/imap/index.js';
export { summarize, parseMessage, readHeaderSection, type SummarizeOptions, type ParsedMessage, type ParsedAttachment, type HeaderSection, type HeaderField } from './mime/index.js';
export { compileSieve, evaluateRules, explainToText, SIEVE_CAPABILITIES, DEFAULT_SIEVE_LIMITS, RuleError, rule, RuleBuilder, compileRules, toSieve } from './rules/index.js';
export type { CompileOptions, RuleSet, RuleMessage, SieveLimits, CompiledRules, CompileOutcome, FileIntoOptions, VacationOptions } from './rules/index.js';
export { createScriptStore, ScriptError, sieveEngine, DEFAULT_SCRIPT_LIMITS } from './rules/scripts/index.js';
export type { ScriptStore, ScriptStoreOptions, ScriptInfo, ScriptCheck, ScriptLimits, RulesEngine, CompiledRuleSet, IncludeLookup } from './rules/scripts/index.js';
export { StoreRuleMemory, type StoreRuleMemoryOptions } from './rules/memory/index.js';
export { createRulesHook, createRulesRole, DeliveryExplanations, reapplyRules, buildVacationReply } from './deliverer/rules/index.js';
export type { RulesHookOptions, RulesOptions, RulesRole, DeliveryExplanation, ReapplyReport, CodeRule } from './deliverer/rules/index.js';
export { createSender, Sender, DEFAULT_RETRY_SCHEDULE, DEFAULT_WARN_AFTER_MS, retryDelay, retrySchedule, manualClock } from './sender/index.js';
export type { SenderOptions, QueueEntry, QueueSummary, RecipientState, RecipientStatus, RecipientReply, AttemptRecord, DsnParameters, RetrySchedule, ManualClock } from './sender/index.js';
export { mxTransport, smartHostTransport, sandboxTransport, mapResolver, nodeResolver } from './sender/transport/index.js';
export type { MxTransportOptions, SmartHostOptions, SandboxTransport, MapResolverRecords } from './sender/transport/index.js';
export { buildDsn, parseDsn, MAX_RETURNED_ORIGINAL, type DsnInput, type DsnRecipient, type ParsedDsn, type ParsedDsnRecipient } from './sender/dsn/index.js';
export { srsForward, srsReverse } from './sender/srs.js';
export { SenderRewriting, srsRewritingQueue } from './sender/srs-rewriting.js';
export { DkimKeys, dkimDnsRecord, generateDkimKey, headerFromDomain, signWithDkim, dkimSigningQueue, type DkimAlgorithm, type DkimKey } from './sender/dkim/index.js';
export { SubmissionAgent, ownsAddress, saveToSent, type SubmissionAgentOptions, type SenderPolicy } from './deliverer/submission/index.js';
export type { SubmissionListenerOptions, HttpListenerOptions } from './server.js';
export type { SenderServerOptions } from './sender/server-sender.js';
export { createHttpApi, ApiKeys, formatScope, parseScope, HttpError, Metrics } from './access/http/index.js';
export type { HttpApi, HttpApiOptions, ApiKeyInfo, Principal, Scope } from './access/http/index.js';
export { ManageSieveServer, type ManageSieveOptions } from './access/managesieve/index.js';
export type { ManageSieveListenerOptions } from './server.js';
export { Webhooks, WebhookRoutes, WebhookAgent, verifyWebhookSignature, signWebhook, extractReplyText, SIGNATURE_HEADER } from './access/webhooks/index.js';
export type { WebhookOptions, WebhookRoute, WebhookRouteInput, WebhookMatch, WebhookAction, WebhookFormat, WebhookPayload, PayloadAttachment, RetryPolicy, VerifyOptions, WebhookEvents, WebhookFailedEvent, WebhookDeliveredEvent } from './access/webhooks/index.js';
