// Entry of dist/fio-chat.js: registers <fio-chat> once. Loaded by widget.js (the loader), or
// directly by a page that writes the element itself.
import { FioChatElement } from './fio-chat-element.ts';

if (!customElements.get('fio-chat')) customElements.define('fio-chat', FioChatElement);
