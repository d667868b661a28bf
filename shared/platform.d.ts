// shared/ sees neither DOM nor Node. The WHATWG Encoding API is the one platform
// API it relies on: every browser and Node ship it as a global.
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
