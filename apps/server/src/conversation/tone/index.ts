// Tone: how the bot words what it says. Built-in engine strings per language and formality, the
// workspace's tone per channel, `{{...}}` templates, emoji and length limits. Pure text in, text
// out: it never decides what to answer, never reads storage and never knows a channel beyond its type.
export { applyTone } from './apply-tone.ts';
export { businessTemplateVars, nowTemplateVars } from './business-template-vars.ts';
export { effectiveTone } from './effective-tone.ts';
export { engineString } from './engine-string.ts';
export { engineStringKeys, engineStrings, type EngineStringKey } from './engine-strings.ts';
export { renderTemplate, type TemplateVars } from './render-template.ts';
export { splitToMaxLength } from './split-to-max-length.ts';
export { stripEmoji } from './strip-emoji.ts';
export { findUnknownTemplateVariables, isFixedTemplateVariable, templateVariables, type KnownTemplateNames } from './template-variables.ts';
