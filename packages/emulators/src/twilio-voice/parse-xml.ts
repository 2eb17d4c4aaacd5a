/**
 * A small, strict XML parser for TwiML documents: elements, attributes, text, the five predefined
 * entities and character references, comments, CDATA and the XML declaration. No DTDs (refused, so
 * no entity expansion tricks). Throws XmlParseError with the offset on anything malformed, the way
 * Twilio refuses a document it cannot parse.
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

export class XmlParseError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} at offset ${offset}`);
    this.name = 'XmlParseError';
  }
}

const namePattern = /[A-Za-z_:][\w.:-]*/y;
const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function parseXml(text: string): XmlElement {
  let pos = 0;
  const fail = (message: string): never => {
    throw new XmlParseError(message, pos);
  };

  const skipMisc = () => {
    for (;;) {
      while (pos < text.length && /\s/.test(text.charAt(pos))) pos += 1;
      if (text.startsWith('<?', pos)) {
        const end = text.indexOf('?>', pos);
        if (end === -1) fail('unterminated processing instruction');
        pos = end + 2;
      } else if (text.startsWith('<!--', pos)) {
        skipComment();
      } else if (text.startsWith('<!', pos)) {
        fail('DTDs are not accepted');
      } else return;
    }
  };
  const skipComment = () => {
    const end = text.indexOf('-->', pos + 4);
    if (end === -1) fail('unterminated comment');
    pos = end + 3;
  };
  const readName = (): string => {
    namePattern.lastIndex = pos;
    const match = namePattern.exec(text);
    if (!match) return fail('expected a name');
    pos += match[0].length;
    return match[0];
  };
  const decode = (raw: string, at: number): string =>
    raw.replace(/&([^;&\s]*);?/g, (whole, ref: string) => {
      if (!whole.endsWith(';')) throw new XmlParseError('unterminated entity reference', at);
      if (ref.startsWith('#x')) return codePoint(Number.parseInt(ref.slice(2), 16), at);
      if (ref.startsWith('#')) return codePoint(Number.parseInt(ref.slice(1), 10), at);
      const value = entities[ref];
      if (value === undefined) throw new XmlParseError(`unknown entity &${ref};`, at);
      return value;
    });

  const readElement = (): XmlElement => {
    if (text.charAt(pos) !== '<') fail('expected an element');
    pos += 1;
    const name = readName();
    const attributes: Record<string, string> = {};
    for (;;) {
      const before = pos;
      while (/\s/.test(text.charAt(pos))) pos += 1;
      if (text.startsWith('/>', pos)) {
        pos += 2;
        return { name, attributes, children: [] };
      }
      if (text.charAt(pos) === '>') {
        pos += 1;
        break;
      }
      if (pos === before) fail('expected whitespace between attributes');
      const attr = readName();
      while (/\s/.test(text.charAt(pos))) pos += 1;
      if (text.charAt(pos) !== '=') fail(`attribute ${attr} has no value`);
      pos += 1;
      while (/\s/.test(text.charAt(pos))) pos += 1;
      const quote = text.charAt(pos);
      if (quote !== '"' && quote !== "'") fail('attribute value must be quoted');
      const end = text.indexOf(quote, pos + 1);
      if (end === -1) fail('unterminated attribute value');
      const raw = text.slice(pos + 1, end);
      if (raw.includes('<')) fail('"<" inside an attribute value');
      if (Object.hasOwn(attributes, attr)) fail(`attribute ${attr} repeated`);
      attributes[attr] = decode(raw, pos);
      pos = end + 1;
    }
    const children: XmlNode[] = [];
    for (;;) {
      if (pos >= text.length) fail(`<${name}> is not closed`);
      if (text.startsWith('</', pos)) {
        pos += 2;
        const closing = readName();
        if (closing !== name) fail(`</${closing}> closes <${name}>`);
        while (/\s/.test(text.charAt(pos))) pos += 1;
        if (text.charAt(pos) !== '>') fail('expected ">"');
        pos += 1;
        return { name, attributes, children };
      }
      if (text.startsWith('<!--', pos)) skipComment();
      else if (text.startsWith('<![CDATA[', pos)) {
        const end = text.indexOf(']]>', pos);
        if (end === -1) fail('unterminated CDATA');
        pushText(children, text.slice(pos + 9, end));
        pos = end + 3;
      } else if (text.startsWith('<?', pos)) {
        const end = text.indexOf('?>', pos);
        if (end === -1) fail('unterminated processing instruction');
        pos = end + 2;
      } else if (text.charAt(pos) === '<') children.push(readElement());
      else {
        const next = text.indexOf('<', pos);
        const end = next === -1 ? text.length : next;
        pushText(children, decode(text.slice(pos, end), pos));
        pos = end;
      }
    }
  };

  skipMisc();
  const root = readElement();
  skipMisc();
  if (pos < text.length) fail('content after the root element');
  return root;
}

function pushText(children: XmlNode[], value: string): void {
  const last = children.at(-1);
  if (typeof last === 'string') children[children.length - 1] = last + value;
  else if (value !== '') children.push(value);
}

function codePoint(value: number, at: number): string {
  if (!Number.isInteger(value) || value <= 0 || value > 0x10ffff) throw new XmlParseError('invalid character reference', at);
  return String.fromCodePoint(value);
}

/** The element's text with nested markup (SSML such as <say-as>, <lang>) flattened. */
export function textContent(node: XmlNode): string {
  return typeof node === 'string' ? node : node.children.map(textContent).join('');
}

export function childElements(el: XmlElement): XmlElement[] {
  return el.children.filter((child): child is XmlElement => typeof child !== 'string');
}
