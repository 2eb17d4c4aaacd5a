// Entities and slot values: finds CPFs, phones, e-mails, amounts, dates and the like in a message, and
// reads a reply as the value a flow step asked for, canonical and displayable. Pure and total: no
// I/O, no state, never throws on any input. Language detection and sentiment live elsewhere.
export { extractEntities } from './extract-entities.ts';
export { parseSlotValue } from './parse-slot-value.ts';
export { slotTypes } from './slot-parse.ts';
export type { Currency, DateTimeValue, Entity, EntityContext, EntitySpan, EntityType, PartOfDay } from './entity.ts';
export type { SlotChoice, SlotContext, SlotFailure, SlotParse, SlotRules, SlotType } from './slot-parse.ts';
