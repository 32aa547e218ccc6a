/**
 * Bench data: the 1M-order synthetic transaction log plus a simple 100k-row customers table whose
 * ids match the orders ('C' + 7 digits), and no surveys or interactions.
 */
import { dayFromCivil, NO_DAY, type CustomerColumns, type DatasetContent } from '../../src/lib/domain';
import { generateSyntheticOrders } from '../../src/lib/domain/demo';
import { emptyColumns, type DatasetRow } from '../../src/lib/db';

export const BENCH_DB = 'cswb-bench';
export const BENCH_DATASET_ID = 'ds_bench_1m';
export const ORDERS = 1_000_000;
export const CUSTOMERS = 100_000;
const SEED = 42;

const CITIES: [string, string][] = [
  ['上海', '上海'], ['北京', '北京'], ['广州', '广东'], ['深圳', '广东'], ['杭州', '浙江'], ['宁波', '浙江'],
  ['南京', '江苏'], ['苏州', '江苏'], ['成都', '四川'], ['武汉', '湖北'], ['西安', '陕西'], ['重庆', '重庆'],
  ['天津', '天津'], ['长沙', '湖南'], ['郑州', '河南'], ['青岛', '山东'],
];
const CHANNELS = ['online', 'store', 'app', 'wechat', 'partner'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '涛', '明', '超'];

/** A tiny deterministic generator (mulberry32): the customers table need not be realistic. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Customers 'C0000001' … with plausible attributes (some unknown). */
export function benchCustomers(n: number, seed = SEED): CustomerColumns {
  const rnd = mulberry32(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)];
  const born0 = dayFromCivil(1950, 1, 1), born1 = dayFromCivil(2005, 12, 31);
  const signup0 = dayFromCivil(2020, 1, 1), signup1 = dayFromCivil(2025, 12, 31);
  const c: CustomerColumns = {
    id: new Array<string>(n), name: new Array<string>(n), gender: new Array<string>(n), birthDay: new Int32Array(n),
    city: new Array<string>(n), province: new Array<string>(n), channel: new Array<string>(n),
    acquisitionCost: new Float64Array(n), signupDay: new Int32Array(n), referredBy: new Array<string>(n).fill(''),
    consent: new Uint8Array(n), consentDay: new Int32Array(n).fill(NO_DAY),
  };
  // consent from a stream of its own, so the other columns stay as they were: ~85% yes, ~10% no, the rest unknown
  const consentRnd = mulberry32(seed + 1);
  for (let i = 0; i < n; i++) {
    c.id[i] = 'C' + String(i + 1).padStart(7, '0');
    c.name[i] = pick(SURNAMES) + pick(GIVEN) + (rnd() < 0.5 ? pick(GIVEN) : '');
    const g = rnd();
    c.gender[i] = g < 0.48 ? 'F' : g < 0.95 ? 'M' : '';
    c.birthDay[i] = rnd() < 0.1 ? NO_DAY : born0 + Math.floor(rnd() * (born1 - born0));
    const [city, province] = rnd() < 0.03 ? ['', ''] : pick(CITIES);
    c.city[i] = city;
    c.province[i] = province;
    c.channel[i] = pick(CHANNELS);
    c.acquisitionCost[i] = rnd() < 0.2 ? NaN : Math.round(rnd() * 20000) / 100;
    c.signupDay[i] = rnd() < 0.05 ? NO_DAY : signup0 + Math.floor(rnd() * (signup1 - signup0));
    const u = consentRnd();
    c.consent[i] = u < 0.85 ? 1 : u < 0.95 ? 2 : 0;
    if (c.consent[i] !== 0 && c.signupDay[i] !== NO_DAY) c.consentDay[i] = c.signupDay[i];
  }
  return c;
}

/** The whole bench dataset content (about 1 s for the orders). */
export function benchContent(): DatasetContent {
  return {
    orders: generateSyntheticOrders({ orders: ORDERS, customers: CUSTOMERS, seed: SEED }),
    customers: benchCustomers(CUSTOMERS),
    surveys: { customerId: [], day: new Int32Array(0), nps: new Int8Array(0), csat: new Int8Array(0) },
    interactions: emptyColumns('interactions'),
    servqual: emptyColumns('servqual'),
    importance: emptyColumns('importance'),
  };
}

/** The dataset row written with the bench data. */
export function benchDatasetRow(): DatasetRow {
  const now = Date.now();
  return {
    id: BENCH_DATASET_ID, name: 'Bench 1M', currency: 'CNY', origin: 'import', createdAt: now, updatedAt: now,
    counts: { customers: 0, orders: 0, surveys: 0, interactions: 0, servqual: 0, importance: 0 },
  };
}
