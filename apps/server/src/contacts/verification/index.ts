// Identity verification: one-time codes that prove a customer holds an e-mail or phone. Owns the
// identity_verifications table and the `verification` queue; never stores a code in plain text and
// never links contacts itself (the merge module does, once a code checks out).
export { createVerification, maxCodesPerHour, verificationTtlMinutes } from './create-verification.ts';
export type { CreateVerificationInput, CreateVerificationResult, VerificationKind, VerificationVia } from './create-verification.ts';
export { checkVerificationCode, maxCodeAttempts, type VerificationCheck, type VerificationStatus } from './check-verification-code.ts';
export { sendVerificationCode, type VerificationSenderDeps } from './send-verification-code.ts';
export { extractVerificationCode, generateVerificationCode, hashVerificationCode } from './verification-code.ts';
export { maskIdentity } from './mask-identity.ts';
export { verificationText } from './verification-text.ts';
