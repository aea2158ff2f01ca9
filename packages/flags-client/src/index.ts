export { createFlagsClient, FlagsClient, type FlagAnswer, type FlagsClientEvents, type FlagsClientOptions, type FlagsClientState, type FlagsClientStatus } from './flagsClient.js';
export { FlagsClientError, type FlagsClientErrorKind } from './errors.js';
export type { FlagContext, FlagRulesetInput, FlagVariantResult } from '@opsdesk/shared/flags/index';
