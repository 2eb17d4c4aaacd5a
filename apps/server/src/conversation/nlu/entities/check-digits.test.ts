import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isLuhnValid } from './is-luhn-valid.ts';
import { isValidCnpj } from './is-valid-cnpj.ts';
import { isValidCpf } from './is-valid-cpf.ts';

test('accepts CPFs whose check digits are right and refuses the rest', () => {
  for (const cpf of ['12345678909', '52998224725', '11144477735']) assert.equal(isValidCpf(cpf), true, cpf);
  for (const cpf of [
    '12345678900',
    '52998224724',
    '52998224715',
    '11111111111',
    '00000000000',
    '1234567890',
    '123456789091',
    '1234567890a',
    '529.982.247-25',
    '',
  ]) {
    assert.equal(isValidCpf(cpf), false, cpf);
  }
});

test('accepts CNPJs whose check digits are right and refuses the rest', () => {
  for (const cnpj of ['12345678000195', '11222333000181']) assert.equal(isValidCnpj(cnpj), true, cnpj);
  for (const cnpj of ['12345678000100', '11222333000180', '00000000000000', '1234567800019']) assert.equal(isValidCnpj(cnpj), false, cnpj);
});

test('accepts Luhn-valid card numbers of 13 to 19 digits only', () => {
  for (const card of ['4111111111111111', '378282246310005', '5555555555554444', '4222222222222'])
    assert.equal(isLuhnValid(card), true, card);
  for (const card of ['4111111111111112', '411111111111', '0000000000000000', '41111111111111111111'])
    assert.equal(isLuhnValid(card), false, card);
});
