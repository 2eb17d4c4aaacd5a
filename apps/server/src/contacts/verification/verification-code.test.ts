import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { maskIdentity } from './mask-identity.ts';
import { extractVerificationCode, generateVerificationCode, hashVerificationCode, verificationCodeMatches } from './verification-code.ts';
import { verificationText } from './verification-text.ts';

describe('one-time codes', () => {
  it('are six random digits', () => {
    const codes = new Set(Array.from({ length: 50 }, generateVerificationCode));
    for (const code of codes) assert.match(code, /^\d{6}$/);
    assert.ok(codes.size > 45, 'codes repeat far too often');
  });

  it('are stored as a MAC bound to the key and the verification, and checked against it', () => {
    const key = Buffer.alloc(32, 1);
    const hash = hashVerificationCode(key, 'ver_1', '123456');
    assert.notEqual(hash, '123456');
    assert.ok(verificationCodeMatches(key, 'ver_1', '123456', hash));
    assert.ok(!verificationCodeMatches(key, 'ver_1', '123457', hash));
    assert.ok(!verificationCodeMatches(key, 'ver_2', '123456', hash), 'a hash does not verify another row');
    assert.ok(!verificationCodeMatches(Buffer.alloc(32, 2), 'ver_1', '123456', hash), 'nor under another key');
  });

  it('are found in what the customer types, and numbers that are no code are not', () => {
    assert.equal(extractVerificationCode('123456'), '123456');
    assert.equal(extractVerificationCode('o código é 123 456'), '123456');
    assert.equal(extractVerificationCode('123-456 obrigado'), '123456');
    assert.equal(extractVerificationCode('é 4821'), '4821');
    assert.equal(extractVerificationCode('meu telefone é 11987654321'), null);
    assert.equal(extractVerificationCode('pedido 12'), null);
    assert.equal(extractVerificationCode('reenviar'), null);
  });
});

describe('maskIdentity', () => {
  it('shows enough to recognise your own e-mail or phone and no more', () => {
    assert.equal(maskIdentity('email', 'ana.souza@gmail.com'), 'a***@gmail.com');
    assert.equal(maskIdentity('phone', '+5511987654321'), '+55 11 9****-4321');
    assert.equal(maskIdentity('phone', '+14155550123'), '+14 ****-0123');
    assert.equal(maskIdentity('email', 'broken'), '***');
  });
});

describe('verificationText', () => {
  it('says the code in the conversation language', () => {
    assert.equal(verificationText('pt-BR', 'Loja Exemplo', '123456', 10), 'Seu código Loja Exemplo: 123456. Vale por 10 minutos.');
    assert.match(verificationText('en', 'Shop', '123456', 10), /^Your Shop code: 123456\. Valid for 10 minutes\.$/);
    assert.match(verificationText('es', 'Tienda', '123456', 10), /^Tu código Tienda: 123456/);
  });
});
