// "Loja Exemplo"'s back office data. Dates are offsets in days from the clock, so a story that sets
// its clock sees the same "ships on Friday" answer whenever it runs.

export type OrderStatus = 'processing' | 'paid' | 'shipped' | 'delivered' | 'cancelled';

export interface SeedCustomer {
  cpf: string;
  name: string;
  phone: string;
  cep: string;
}

export interface SeedOrder {
  number: string;
  cpf: string;
  status: OrderStatus;
  /** Days before the clock's date the order was placed, and the local hour. */
  placedDaysAgo: number;
  placedHour: number;
  items: { name: string; quantity: number; unitPrice: number }[];
  carrier?: string;
  trackingCode?: string;
  /** Days from the clock's date to the (estimated or actual) delivery; negative once delivered. */
  etaInDays?: number;
}

export interface SeedAddress {
  cep: string;
  street: string;
  district: string;
  city: string;
  state: string;
}

export const seedCustomers: readonly SeedCustomer[] = [
  { cpf: '52998224725', name: 'Ana Paula Souza', phone: '+5511987654321', cep: '01310100' },
  { cpf: '39053344705', name: 'Bruno Henrique Oliveira', phone: '+5521991234567', cep: '22021001' },
  { cpf: '11144477735', name: 'Carla Mendes', phone: '+5531988776655', cep: '30130010' },
  { cpf: '70531829162', name: 'Diego Santos', phone: '+5541999887766', cep: '80020010' },
  { cpf: '84213956024', name: 'Eduarda Lima', phone: '+5581998765432', cep: '51020000' },
  { cpf: '15762403980', name: 'Fernanda Costa', phone: '+5511976543210', cep: '04538133' },
  { cpf: '26803194515', name: 'Gabriel Almeida', phone: '+5571987651234', cep: '40020000' },
  { cpf: '91365027821', name: 'Helena Rocha', phone: '+5551996543218', cep: '90010150' },
  { cpf: '47620581308', name: 'Igor Pereira', phone: '+5561981234987', cep: '70040010' },
];

export const seedOrders: readonly SeedOrder[] = [
  {
    number: '123456',
    cpf: '52998224725',
    status: 'shipped',
    placedDaysAgo: 4,
    placedHour: 20,
    items: [
      { name: 'Tênis de corrida Veloz 42', quantity: 1, unitPrice: 349.9 },
      { name: 'Meia esportiva (kit 3 pares)', quantity: 1, unitPrice: 39.9 },
    ],
    carrier: 'Correios',
    trackingCode: 'QB123456785BR',
    etaInDays: 3,
  },
  {
    number: '654321',
    cpf: '52998224725',
    status: 'delivered',
    placedDaysAgo: 40,
    placedHour: 11,
    items: [{ name: 'Garrafa térmica inox 1 L', quantity: 2, unitPrice: 59.9 }],
    carrier: 'Jadlog',
    trackingCode: 'JD00654321',
    etaInDays: -33,
  },
  {
    number: '234567',
    cpf: '39053344705',
    status: 'processing',
    placedDaysAgo: 0,
    placedHour: 9,
    items: [{ name: 'Fone de ouvido Bluetooth Sonora', quantity: 1, unitPrice: 249.9 }],
    etaInDays: 7,
  },
  {
    number: '445566',
    cpf: '39053344705',
    status: 'cancelled',
    placedDaysAgo: 15,
    placedHour: 16,
    items: [{ name: 'Capa para celular silicone', quantity: 1, unitPrice: 29.9 }],
  },
  {
    number: '345678',
    cpf: '11144477735',
    status: 'paid',
    placedDaysAgo: 1,
    placedHour: 14,
    items: [{ name: 'Cafeteira elétrica 30 xícaras', quantity: 1, unitPrice: 199 }],
    etaInDays: 5,
  },
  {
    number: '456789',
    cpf: '70531829162',
    status: 'delivered',
    placedDaysAgo: 9,
    placedHour: 10,
    items: [{ name: 'Mochila para notebook 15,6"', quantity: 1, unitPrice: 179.9 }],
    carrier: 'Jadlog',
    trackingCode: 'JD00456789',
    etaInDays: -2,
  },
  {
    number: '567890',
    cpf: '84213956024',
    status: 'cancelled',
    placedDaysAgo: 6,
    placedHour: 22,
    items: [{ name: 'Jogo de panelas antiaderente 5 peças', quantity: 1, unitPrice: 459 }],
  },
  {
    number: '765432',
    cpf: '15762403980',
    status: 'shipped',
    placedDaysAgo: 3,
    placedHour: 8,
    items: [{ name: 'Relógio inteligente Pulse', quantity: 1, unitPrice: 899 }],
    carrier: 'Loggi',
    trackingCode: 'LGI7654321',
    etaInDays: 1,
  },
  {
    number: '876543',
    cpf: '26803194515',
    status: 'processing',
    placedDaysAgo: 0,
    placedHour: 7,
    items: [
      { name: 'Livro "Dom Casmurro" (edição de bolso)', quantity: 1, unitPrice: 34.9 },
      { name: 'Marcador de página magnético', quantity: 2, unitPrice: 9.9 },
    ],
    etaInDays: 6,
  },
  {
    number: '987654',
    cpf: '91365027821',
    status: 'paid',
    placedDaysAgo: 2,
    placedHour: 13,
    items: [{ name: 'Cadeira de escritório ergonômica', quantity: 1, unitPrice: 1299 }],
    etaInDays: 9,
  },
  {
    number: '112233',
    cpf: '47620581308',
    status: 'shipped',
    placedDaysAgo: 5,
    placedHour: 19,
    items: [{ name: 'Camiseta básica de algodão', quantity: 3, unitPrice: 49.9 }],
    carrier: 'Correios',
    trackingCode: 'QB998877665BR',
    etaInDays: 2,
  },
];

export const seedAddresses: readonly SeedAddress[] = [
  { cep: '01310100', street: 'Avenida Paulista', district: 'Bela Vista', city: 'São Paulo', state: 'SP' },
  { cep: '01001000', street: 'Praça da Sé', district: 'Sé', city: 'São Paulo', state: 'SP' },
  { cep: '04538133', street: 'Avenida Brigadeiro Faria Lima', district: 'Itaim Bibi', city: 'São Paulo', state: 'SP' },
  { cep: '05422001', street: 'Rua dos Pinheiros', district: 'Pinheiros', city: 'São Paulo', state: 'SP' },
  { cep: '20040020', street: 'Avenida Rio Branco', district: 'Centro', city: 'Rio de Janeiro', state: 'RJ' },
  { cep: '22021001', street: 'Avenida Atlântica', district: 'Copacabana', city: 'Rio de Janeiro', state: 'RJ' },
  { cep: '22410003', street: 'Rua Visconde de Pirajá', district: 'Ipanema', city: 'Rio de Janeiro', state: 'RJ' },
  { cep: '30130010', street: 'Avenida Afonso Pena', district: 'Centro', city: 'Belo Horizonte', state: 'MG' },
  { cep: '30140110', street: 'Rua Sergipe', district: 'Funcionários', city: 'Belo Horizonte', state: 'MG' },
  { cep: '80020010', street: 'Rua XV de Novembro', district: 'Centro', city: 'Curitiba', state: 'PR' },
  { cep: '80230010', street: 'Avenida Sete de Setembro', district: 'Centro', city: 'Curitiba', state: 'PR' },
  { cep: '50030230', street: 'Avenida Rio Branco', district: 'Recife', city: 'Recife', state: 'PE' },
  { cep: '51020000', street: 'Avenida Boa Viagem', district: 'Boa Viagem', city: 'Recife', state: 'PE' },
  { cep: '40020000', street: 'Avenida Sete de Setembro', district: 'Centro', city: 'Salvador', state: 'BA' },
  { cep: '90010150', street: 'Rua dos Andradas', district: 'Centro Histórico', city: 'Porto Alegre', state: 'RS' },
  {
    cep: '70040010',
    street: 'Esplanada dos Ministérios',
    district: 'Zona Cívico-Administrativa',
    city: 'Brasília',
    state: 'DF',
  },
  { cep: '60165121', street: 'Avenida Beira Mar', district: 'Meireles', city: 'Fortaleza', state: 'CE' },
];

/** Store hours by weekday (0 = Sunday): first and last hour an appointment may start. */
export const appointmentHours: Readonly<Record<number, { first: number; last: number } | undefined>> = {
  1: { first: 10, last: 16 },
  2: { first: 10, last: 16 },
  3: { first: 10, last: 16 },
  4: { first: 10, last: 16 },
  5: { first: 10, last: 16 },
  6: { first: 10, last: 11 },
};

/**
 * Slots other customers already booked: one per open day, at an hour derived from the date so every
 * run shows the same gaps (day of month 27 → 10 + 27 % 7 = 16:00).
 */
export function isSeedBooked(dateKey: string, hour: number): boolean {
  const day = Number(dateKey.slice(8, 10));
  return hour === 10 + (day % 7);
}
