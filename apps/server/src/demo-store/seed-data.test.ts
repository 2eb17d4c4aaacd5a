import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isValidCpf } from '../conversation/nlu/entities/is-valid-cpf.ts';
import { seedAddresses, seedCustomers, seedOrders } from './seed-data.ts';

test('seeds customers with valid, distinct CPFs', () => {
  for (const customer of seedCustomers) assert.ok(isValidCpf(customer.cpf), `${customer.name} ${customer.cpf}`);
  assert.equal(new Set(seedCustomers.map((customer) => customer.cpf)).size, seedCustomers.length);
});

test('seeds orders of every status, each with a known customer and a unique 6-digit number', () => {
  const cpfs = new Set(seedCustomers.map((customer) => customer.cpf));
  for (const order of seedOrders) {
    assert.match(order.number, /^\d{6}$/);
    assert.ok(cpfs.has(order.cpf), order.number);
    assert.ok(order.items.length > 0, order.number);
  }
  assert.equal(new Set(seedOrders.map((order) => order.number)).size, seedOrders.length);
  assert.deepEqual([...new Set(seedOrders.map((order) => order.status))].sort(), [
    'cancelled',
    'delivered',
    'paid',
    'processing',
    'shipped',
  ]);
});

test('seeds at least 15 CEPs of 8 digits across several state capitals, with known customer CEPs', () => {
  assert.ok(seedAddresses.length >= 15);
  for (const address of seedAddresses) assert.match(address.cep, /^\d{8}$/);
  assert.ok(new Set(seedAddresses.map((address) => address.city)).size >= 8);
  const ceps = new Set(seedAddresses.map((address) => address.cep));
  for (const customer of seedCustomers) assert.ok(ceps.has(customer.cep), customer.name);
});
