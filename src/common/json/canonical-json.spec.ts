import { canonicalJson } from './canonical-json';

describe('canonicalJson (RFC 8785 subset)', () => {
  it('sorts keys recursively by UTF-16 code units and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: [true, null, { d: 'x', c: 'y' }], é: 2, Z: 3 })).toBe(
      '{"Z":3,"a":[true,null,{"c":"y","d":"x"}],"b":1,"é":2}',
    );
  });
  it('keeps Vietnamese text as UTF-8 characters and escapes controls as the RFC does', () => {
    expect(canonicalJson({ name: 'Sở GDĐT Bến Tre', c: '\u0001"\\\n' })).toBe(
      '{"c":"\\u0001\\"\\\\\\n","name":"Sở GDĐT Bến Tre"}',
    );
  });
  it('refuses numbers it cannot encode the way every JCS implementation does', () => {
    expect(() => canonicalJson({ x: 1.5 })).toThrow(TypeError);
    expect(() => canonicalJson({ x: 2 ** 60 })).toThrow(TypeError);
  });
});
