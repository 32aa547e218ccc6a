import { describe, expect, it } from 'vitest';
import { FIELDS, type ImportKind } from '../../../../../src/lib/domain/import/fields';
import { guessKind, HEADER_SYNONYMS, headerSignature, mapHeaders, normaliseHeader } from '../../../../../src/lib/domain/import/headers';

/** Field → header name of the mapped column (null when unmapped), for readable expectations. */
function mapped(headers: string[], kind: ImportKind): Record<string, string | null> {
  const m = mapHeaders(headers, kind);
  return Object.fromEntries(Object.entries(m).map(([f, c]) => [f, c === null ? null : headers[c]]));
}

describe('normaliseHeader', () => {
  it('ignores case, spacing, separators, brackets, BOM and full-width forms', () => {
    for (const h of ['Customer ID', 'customer_id', 'CustomerID', 'CUSTOMER-ID', ' customer.id ', '\uFEFFcustomer id', 'ＣｕｓｔｏｍｅｒＩＤ', '[Customer ID]']) {
      expect(normaliseHeader(h)).toBe('customerid');
    }
    expect(normaliseHeader('客户 编号（必填）')).toBe('客户编号必填');
    expect(normaliseHeader('')).toBe('');
  });
});

describe('mapHeaders', () => {
  it('maps the Online Retail header line, ignoring the empty first header', () => {
    const headers = ['', 'InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country'];
    expect(mapHeaders(headers, 'orders')).toEqual({
      customerId: 7, orderId: 1, date: 5, amount: null, quantity: 4, unitPrice: 6, returnFlag: null,
    });
    // The worker names empty headers '#1', '#2', …: still nothing maps to them.
    expect(mapHeaders(['#1', ...headers.slice(1)], 'orders')).toEqual(mapHeaders(headers, 'orders'));
  });

  it('maps the CDNOW header line split on whitespace', () => {
    const headers = ' customer_id  date number_of_cds  dollar_value'.split(/\s+/);
    expect(headers[0]).toBe('');
    expect(mapHeaders(headers, 'orders')).toEqual({
      customerId: 1, orderId: null, date: 2, amount: 4, quantity: 3, unitPrice: null, returnFlag: null,
    });
  });

  it('maps Chinese order exports', () => {
    expect(mapped(['订单编号', '会员编号', '下单日期', '商品名称', '购买数量', '单价', '实付金额', '是否退货'], 'orders')).toEqual({
      customerId: '会员编号', orderId: '订单编号', date: '下单日期', amount: '实付金额', quantity: '购买数量', unitPrice: '单价', returnFlag: '是否退货',
    });
    expect(mapped(['客户ID', '交易日期', '金额（元）', '单号'], 'orders')).toEqual({
      customerId: '客户ID', orderId: '单号', date: '交易日期', amount: '金额（元）', quantity: null, unitPrice: null, returnFlag: null,
    });
  });

  it('recognises every listed synonym of every field', () => {
    const required: Record<string, string[]> = {
      customerId: ['客户编号', '客户ID', '客户id', '客户号', '会员编号', '会员ID', '用户ID', 'customer_id', 'CustomerID', 'cust_id', 'member_id', 'client_id'],
      orderId: ['订单编号', '订单号', '单号', '发票号', 'InvoiceNo', 'invoice', 'order_id', 'order_no', 'transaction_id'],
      date: ['下单日期', '订单日期', '日期', '交易日期', '购买日期', 'order_date', 'InvoiceDate', 'date', 'purchase_date', 'transaction_date'],
      amount: ['金额', '销售额', '订单金额', '实付金额', '消费金额', 'amount', 'sales', 'revenue', 'total', 'dollar_value', 'order_value', 'value'],
      quantity: ['数量', '购买数量', 'quantity', 'qty', 'number_of_cds', 'units', 'cds'],
      unitPrice: ['单价', 'unit_price', 'UnitPrice', 'price'],
      returnFlag: ['退货', '退货标记', 'is_return', 'return'],
      city: ['城市', 'city'],
      province: ['省份', '省', 'province', 'state'],
      gender: ['性别', 'gender', 'sex'],
      birthday: ['出生日期', '生日', 'birthday', 'birth_date', 'dob'],
      age: ['年龄', 'age'],
      name: ['姓名', '客户姓名', 'name', 'customer_name'],
      channel: ['渠道', '获客渠道', '来源', 'channel', 'source', 'acquisition_channel'],
      acquisitionCost: ['获客成本', 'acquisition_cost', 'cac'],
      signupDate: ['注册日期', '注册时间', '开户日期', 'signup_date', 'register_date', 'created_at'],
      nps: ['NPS', '推荐意愿', '推荐得分', 'nps', 'likelihood_to_recommend'],
      csat: ['满意度', 'CSAT', 'csat', 'satisfaction'],
    };
    const kindOf = (field: string) => (['orders', 'customers', 'surveys'] as const).find((k) => FIELDS[k].some((f) => f.field === field))!;
    for (const [field, names] of Object.entries(required)) {
      for (const name of names) {
        const m = mapHeaders(['remark', name], kindOf(field));
        expect([field, name, m[field]]).toEqual([field, name, 1]);
      }
    }
  });

  it('has no header name that means two fields of one kind', () => {
    for (const kind of ['orders', 'customers', 'surveys'] as const) {
      const seen = new Map<string, string>();
      expect(FIELDS[kind].length).toBeGreaterThan(0);
      for (const { field } of FIELDS[kind]) {
        for (const name of HEADER_SYNONYMS[field]) {
          const key = normaliseHeader(name.replace(/^=/, ''));
          expect([kind, key, seen.get(key) ?? field]).toEqual([kind, key, field]);
          seen.set(key, field);
        }
      }
    }
  });

  it('returns every field of the kind, with null where nothing fits', () => {
    expect(mapHeaders([], 'surveys')).toEqual({ customerId: null, date: null, nps: null, csat: null });
    expect(Object.keys(mapHeaders(['x'], 'customers'))).toEqual(FIELDS.customers.map((f) => f.field));
  });

  it('prefers whole-name matches over partial ones, whatever the column order', () => {
    expect(mapped(['Order Date Time', 'date'], 'orders').date).toBe('date');
    expect(mapped(['date', 'Order Date Time'], 'orders').date).toBe('date');
    // A bracketed note does not make a name partial: 'Order Date (UTC)' is an order date, a better name than 'date'.
    expect(mapped(['date', 'Order Date (UTC)'], 'orders').date).toBe('Order Date (UTC)');
    expect(mapped(['Total Amount Paid', 'amount'], 'orders').amount).toBe('amount');
  });

  it('falls back to partial matches, reading the last named noun', () => {
    expect(mapped(['Customer ID Number', 'Order Date Time', 'Discounted Sales Amount'], 'orders')).toMatchObject({
      customerId: 'Customer ID Number', date: 'Order Date Time', amount: 'Discounted Sales Amount',
    });
    expect(mapped(['客户编号', '订单实付金额', '最后购买日期'], 'orders')).toMatchObject({ amount: '订单实付金额', date: '最后购买日期' });
    // 'return_date' is a date, not a return flag; 'Sales Channel' is not an amount.
    expect(mapped(['customer_id', 'return_date', 'Sales Channel', 'qty', 'price'], 'orders')).toMatchObject({
      date: 'return_date', returnFlag: null, amount: null,
    });
  });

  it('never takes a birth or signup date as the order date', () => {
    for (const h of ['birth_date', 'Birthday', '出生日期', 'date_of_birth', 'customer_birth_date', 'signup_date', '注册日期']) {
      expect([h, mapHeaders(['customer_id', h, 'amount'], 'orders').date]).toEqual([h, null]);
    }
    expect(mapped(['customer_id', 'birth_date', 'date', 'amount'], 'orders').date).toBe('date');
    expect(mapped(['客户编号', '出生日期', '注册日期'], 'customers')).toMatchObject({ birthday: '出生日期', signupDate: '注册日期' });
  });

  it('does not read words that merely contain a name', () => {
    // 'Country' contains 'count'/'country'; 'StockCode', 'Description', 'Product ID' name no field.
    const m = mapHeaders(['Country', 'StockCode', 'Description', 'Product ID', 'Total Orders', 'Page Views'], 'orders');
    expect(Object.keys(m).sort()).toEqual(FIELDS.orders.map((f) => f.field).sort());
    expect(Object.values(m).every((c) => c === null)).toBe(true);
  });

  it('uses each column at most once', () => {
    const m = mapHeaders(['customer_id', 'amount', 'amount', 'date'], 'orders');
    expect(m.amount).toBe(1);
    const used = Object.values(m).filter((c) => c !== null);
    expect(new Set(used).size).toBe(used.length);
  });

  it('takes a bare id as the customer id of an order file only when nothing else matches', () => {
    expect(mapped(['id', 'customer_id', 'date', 'amount'], 'orders').customerId).toBe('customer_id');
    expect(mapped(['ID', 'date', 'amount'], 'orders').customerId).toBe('ID');
    expect(mapped(['ID', 'name', 'city'], 'customers').customerId).toBe('ID');
    expect(mapped(['id', '会员编号', 'city'], 'customers').customerId).toBe('会员编号');
  });

  it('maps customer and survey files in both languages', () => {
    expect(mapped(['会员ID', '姓名', '性别', '生日', '年龄', '城市', '省份', '获客渠道', '获客成本', '注册时间'], 'customers')).toEqual({
      customerId: '会员ID', name: '姓名', gender: '性别', birthday: '生日', age: '年龄', city: '城市', province: '省份',
      channel: '获客渠道', acquisitionCost: '获客成本', signupDate: '注册时间', referredBy: null, consent: null, consentDate: null,
    });
    expect(mapped(['Customer Name', 'Customer ID', 'Sex', 'DOB', 'State', 'Source', 'CAC', 'Created At'], 'customers')).toMatchObject({
      customerId: 'Customer ID', name: 'Customer Name', gender: 'Sex', birthday: 'DOB', province: 'State', channel: 'Source',
      acquisitionCost: 'CAC', signupDate: 'Created At',
    });
    expect(mapped(['客户编号', '调查日期', '推荐得分', '满意度'], 'surveys')).toEqual({
      customerId: '客户编号', date: '调查日期', nps: '推荐得分', csat: '满意度',
    });
    expect(mapped(['customer_id', 'response_date', 'likelihood_to_recommend', 'CSAT'], 'surveys')).toEqual({
      customerId: 'customer_id', date: 'response_date', nps: 'likelihood_to_recommend', csat: 'CSAT',
    });
  });

  it('survives hostile headers', () => {
    const long = 'x'.repeat(100_000);
    const headers = [long, '=cmd|\' /C calc\'!A0', '\u0000\u202e', '😀客户编号😀', 'date'.repeat(1000), '   ', null as unknown as string];
    const m = mapHeaders(headers, 'orders');
    expect(m.customerId).toBe(3);
    expect(Object.values(m).every((c) => c === null || (c >= 0 && c < headers.length))).toBe(true);
  });
});

describe('guessKind', () => {
  it('recognises the real order files', () => {
    expect(guessKind(['', 'InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country'])).toBe('orders');
    expect(guessKind('customer_id date number_of_cds dollar_value'.split(' '))).toBe('orders');
    expect(guessKind(['客户编号', '下单日期', '订单金额'])).toBe('orders');
  });

  it('recognises surveys and customer lists, and gives up on the rest', () => {
    expect(guessKind(['客户编号', '调查日期', 'NPS'])).toBe('surveys');
    expect(guessKind(['customer_id', 'satisfaction'])).toBe('surveys');
    expect(guessKind(['会员编号', '性别', '城市', '注册日期'])).toBe('customers');
    expect(guessKind(['customer_id', 'birth_date', 'signup_date'])).toBe('customers');
    expect(guessKind(['customer_id', 'name', 'created_at'])).toBe('customers');
    expect(guessKind(['客户编号', '姓名', '创建时间'])).toBe('customers');
    expect(guessKind(['客户编号', '创建时间', '实付金额'])).toBe('orders');
    expect(guessKind(['customer_id', 'name', 'last_order_date'])).toBeNull();
    expect(guessKind(['ID', 'x', 't_x', 'T', 'zbar'])).toBeNull();
    expect(guessKind(['customer_id', 'date'])).toBeNull();
    expect(guessKind([])).toBeNull();
  });
});

describe('headerSignature', () => {
  it('is the same for the same layout written differently', () => {
    expect(headerSignature(['Customer ID', 'Order Date'])).toBe(headerSignature(['customer_id', 'ORDER-DATE ']));
    expect(headerSignature(['\uFEFF客户编号', '日期'])).toBe(headerSignature(['客户编号', '日期']));
  });

  it('differs when columns differ, move or are added', () => {
    const base = headerSignature(['a', 'b']);
    expect(headerSignature(['b', 'a'])).not.toBe(base);
    expect(headerSignature(['a', 'b', ''])).not.toBe(base);
    expect(headerSignature(['a', 'c'])).not.toBe(base);
    expect(headerSignature(['a|b'])).not.toBe(headerSignature(['a', 'b']));
  });
});
