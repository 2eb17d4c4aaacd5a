import { formatDateLabels, formatSlotLabels, type StoreLabels } from './format-store-labels.ts';
import { isValidCpf } from '../conversation/nlu/entities/is-valid-cpf.ts';
import { addDays, formatZonedIso, instantFromZoned, readZonedTime, weekdayOf } from './read-zoned-time.ts';
import {
  appointmentHours,
  isSeedBooked,
  seedAddresses,
  seedCustomers,
  seedOrders,
  type OrderStatus,
  type SeedAddress,
  type SeedOrder,
} from './seed-data.ts';

export interface OrderView {
  number: string;
  status: OrderStatus;
  statusLabel: StoreLabels;
  placedAt: string;
  total: { amount: number; currency: 'BRL' };
  items: { name: string; quantity: number }[];
  carrier?: string;
  trackingCode?: string;
  eta?: string;
  etaLabel?: StoreLabels;
  customer: { name: string; cpf: string };
}

export interface AddressView {
  cep: string;
  street: string;
  number: string;
  complement?: string;
  district: string;
  city: string;
  state: string;
}

export interface SlotView {
  id: string;
  start: string;
  label: string;
  labels: StoreLabels;
}

export interface DemoStore {
  findOrder(ref: string): { ok: true; order: OrderView } | { ok: false; reason: 'not_found' | 'invalid_ref' };
  cancelOrder(ref: string): { ok: true; number: string; status: 'cancelled' } | { ok: false; reason: 'not_found' | 'already_shipped' };
  findAddress(cep: string): { ok: true; address: Omit<AddressView, 'number'> } | { ok: false; reason: 'not_found' | 'invalid_cep' };
  updateAddress(
    cpf: string,
    input: { cep: string; number: string; complement?: string },
  ): { ok: true; cpf: string; address: AddressView } | { ok: false; reason: 'not_found' | 'invalid_cpf' | 'unknown_cep' };
  listSlots(date?: string): { ok: true; slots: SlotView[] } | { ok: false; reason: 'invalid_date' };
  bookSlot(input: {
    slotId: string;
    name?: string;
    phone?: string;
  }): { ok: true; id: string; slotId: string; label: string; labels: StoreLabels } | { ok: false; reason: 'invalid_slot' | 'slot_taken' };
}

const statusLabels: Record<OrderStatus, StoreLabels> = {
  processing: { 'pt-BR': 'Em separação', en: 'Processing', es: 'En preparación' },
  paid: { 'pt-BR': 'Pagamento aprovado', en: 'Payment approved', es: 'Pago aprobado' },
  shipped: { 'pt-BR': 'Enviado', en: 'Shipped', es: 'Enviado' },
  delivered: { 'pt-BR': 'Entregue', en: 'Delivered', es: 'Entregado' },
  cancelled: { 'pt-BR': 'Cancelado', en: 'Cancelled', es: 'Cancelado' },
};

const slotIdPattern = /^(\d{4}-\d{2}-\d{2})T(\d{2}):00$/;
const openDaysListed = 3;
/** How far ahead the calendar looks for open days when no date is given. */
const searchDays = 14;

/**
 * "Loja Exemplo"'s back office: orders, addresses and appointments in memory, one copy per
 * registration. Dates come from `clock()` on every call, so a story's clock moves the whole store.
 */
export function createDemoStore(options: { clock: () => Date; timezone: string }): DemoStore {
  const { clock, timezone } = options;
  const orders = new Map<string, SeedOrder>(seedOrders.map((order) => [order.number, { ...order }]));
  const customers = new Map(seedCustomers.map((customer) => [customer.cpf, { ...customer }]));
  const addresses = new Map<string, SeedAddress>(seedAddresses.map((address) => [address.cep, address]));
  const customerAddresses = new Map<string, AddressView>();
  const booked = new Set<string>();
  let nextAppointment = 1001;

  const today = () => readZonedTime(clock(), timezone).dateKey;

  function viewOrder(order: SeedOrder): OrderView {
    const customer = customers.get(order.cpf);
    const placedDate = addDays(today(), -order.placedDaysAgo);
    const view: OrderView = {
      number: order.number,
      status: order.status,
      statusLabel: statusLabels[order.status],
      placedAt: formatZonedIso(instantFromZoned(placedDate, order.placedHour, timezone), timezone),
      total: { amount: totalOf(order), currency: 'BRL' },
      items: order.items.map(({ name, quantity }) => ({ name, quantity })),
      customer: { name: customer?.name ?? '', cpf: order.cpf },
    };
    if (order.carrier !== undefined) view.carrier = order.carrier;
    if (order.trackingCode !== undefined) view.trackingCode = order.trackingCode;
    if (order.etaInDays !== undefined && order.status !== 'cancelled') {
      const eta = skipSunday(addDays(today(), order.etaInDays));
      view.eta = eta;
      view.etaLabel = formatDateLabels(eta);
    }
    return view;
  }

  function latestOrderOf(cpf: string): SeedOrder | undefined {
    return [...orders.values()]
      .filter((order) => order.cpf === cpf)
      .sort((a, b) => a.placedDaysAgo - b.placedDaysAgo || b.placedHour - a.placedHour)[0];
  }

  function slotsOfDay(dateKey: string, now: Date): SlotView[] {
    const hours = appointmentHours[weekdayOf(dateKey)];
    if (hours === undefined) return [];
    const slots: SlotView[] = [];
    for (let hour = hours.first; hour <= hours.last; hour++) {
      const id = `${dateKey}T${String(hour).padStart(2, '0')}:00`;
      const start = instantFromZoned(dateKey, hour, timezone);
      if (start.getTime() <= now.getTime() || booked.has(id) || isSeedBooked(dateKey, hour)) continue;
      const labels = formatSlotLabels(dateKey, hour);
      slots.push({ id, start: formatZonedIso(start, timezone), label: labels['pt-BR'], labels });
    }
    return slots;
  }

  return {
    findOrder(ref) {
      const digits = ref
        .trim()
        .replace(/^#/, '')
        .replace(/[.\-\s]/g, '');
      if (/^\d{6}$/.test(digits)) {
        const order = orders.get(digits);
        return order === undefined ? { ok: false, reason: 'not_found' } : { ok: true, order: viewOrder(order) };
      }
      if (/^\d{11}$/.test(digits)) {
        const order = isValidCpf(digits) ? latestOrderOf(digits) : undefined;
        return order === undefined ? { ok: false, reason: 'not_found' } : { ok: true, order: viewOrder(order) };
      }
      return { ok: false, reason: 'invalid_ref' };
    },

    cancelOrder(ref) {
      const order = orders.get(ref.trim().replace(/^#/, ''));
      if (order === undefined) return { ok: false, reason: 'not_found' };
      if (order.status === 'shipped' || order.status === 'delivered') return { ok: false, reason: 'already_shipped' };
      order.status = 'cancelled';
      return { ok: true, number: order.number, status: 'cancelled' };
    },

    findAddress(cep) {
      const digits = normaliseCep(cep);
      if (digits === null) return { ok: false, reason: 'invalid_cep' };
      const address = addresses.get(digits);
      if (address === undefined) return { ok: false, reason: 'not_found' };
      return { ok: true, address: { ...address, cep: formatCep(digits) } };
    },

    updateAddress(cpf, input) {
      const digits = cpf.replace(/[.\-\s]/g, '');
      if (!isValidCpf(digits)) return { ok: false, reason: 'invalid_cpf' };
      const customer = customers.get(digits);
      if (customer === undefined) return { ok: false, reason: 'not_found' };
      const cep = normaliseCep(input.cep);
      const known = cep === null ? undefined : addresses.get(cep);
      if (cep === null || known === undefined) return { ok: false, reason: 'unknown_cep' };
      const address: AddressView = { ...known, cep: formatCep(cep), number: input.number.trim() };
      const complement = input.complement?.trim();
      if (complement !== undefined && complement !== '') address.complement = complement;
      customer.cep = cep;
      customerAddresses.set(digits, address);
      return { ok: true, cpf: digits, address };
    },

    listSlots(date) {
      const now = clock();
      if (date !== undefined) {
        if (!isDateKey(date)) return { ok: false, reason: 'invalid_date' };
        return { ok: true, slots: slotsOfDay(date, now) };
      }
      const slots: SlotView[] = [];
      let openDays = 0;
      for (let offset = 0; offset < searchDays && openDays < openDaysListed; offset++) {
        const day = slotsOfDay(addDays(today(), offset), now);
        if (day.length === 0) continue;
        slots.push(...day);
        openDays++;
      }
      return { ok: true, slots };
    },

    bookSlot(input) {
      const match = slotIdPattern.exec(input.slotId);
      const dateKey = match?.[1];
      if (match === null || dateKey === undefined || !isDateKey(dateKey)) return { ok: false, reason: 'invalid_slot' };
      const hour = Number(match[2]);
      const hours = appointmentHours[weekdayOf(dateKey)];
      if (hours === undefined || hour < hours.first || hour > hours.last) return { ok: false, reason: 'invalid_slot' };
      if (instantFromZoned(dateKey, hour, timezone).getTime() <= clock().getTime()) return { ok: false, reason: 'invalid_slot' };
      if (booked.has(input.slotId) || isSeedBooked(dateKey, hour)) return { ok: false, reason: 'slot_taken' };
      booked.add(input.slotId);
      const labels = formatSlotLabels(dateKey, hour);
      return { ok: true, id: `AG-${nextAppointment++}`, slotId: input.slotId, label: labels['pt-BR'], labels };
    },
  };
}

function totalOf(order: SeedOrder): number {
  const cents = order.items.reduce((sum, item) => sum + Math.round(item.unitPrice * 100) * item.quantity, 0);
  return cents / 100;
}

/** Carriers do not deliver on Sundays. */
function skipSunday(dateKey: string): string {
  return weekdayOf(dateKey) === 0 ? addDays(dateKey, 1) : dateKey;
}

function normaliseCep(cep: string): string | null {
  const digits = cep.trim().replace(/[.\-\s]/g, '');
  return /^\d{8}$/.test(digits) ? digits : null;
}

function formatCep(digits: string): string {
  return `${digits.slice(0, 5)}-${digits.slice(5)}`;
}

function isDateKey(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const parsed = new Date(`${value}T12:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}
