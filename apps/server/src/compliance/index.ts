// Compliance (consent for now): the consent ledger per contact, channel and purpose, and the opt-out
// keywords customers send. It decides nothing about conversations; the pipeline and delivery ask it.
export { detectConsentKeyword, type ConsentKeyword } from './detect-consent-keyword.ts';
export { createConsentRepository, type ConsentRecord, type ConsentStatus } from './consent.repository.ts';
export { consentConfirmationText } from './consent-confirmation-text.ts';
