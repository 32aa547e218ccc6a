/**
 * Header auto-mapping: which column of a user's file fills which field (fields.ts). Works on
 * Chinese and English headers from Excel, ERP and CRM exports; the user confirms the result.
 */
import { FIELDS, type ImportKind } from './fields';

/**
 * Header names per field, best first. Fields with the same name in several kinds share a list.
 * A leading '=' marks a name that only counts as a whole header, never inside a longer one
 * (`total` is the amount, `Total Orders` is not). Names are compared normalised (normaliseHeader).
 */
export const HEADER_SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  customerId: [
    '客户编号', '客户ID', '客户号', '客户代码', '客户编码', '客户账号', '会员编号', '会员ID', '会员号', '会员卡号',
    '用户ID', '用户编号', '顾客编号', '顾客ID', '买家ID',
    'customer_id', 'customer_no', 'customer_number', 'customer_code', 'cust_id', 'cust_no', 'member_id', 'member_no',
    'client_id', 'client_no', 'user_id', 'buyer_id', 'account_id',
    '=客户', '=会员', '=customer', '=member', '=client',
  ],
  orderId: [
    '订单编号', '订单号', '订单ID', '单号', '单据编号', '单据号', '发票号', '发票号码', '交易编号', '交易号', '流水号', '小票号',
    'InvoiceNo', 'invoice', 'invoice_id', 'invoice_number', 'order_id', 'order_no', 'order_number', 'transaction_id',
    'transaction_no', 'txn_id', 'receipt_no', 'receipt_id', 'bill_no', '=order',
  ],
  date: [
    '下单日期', '订单日期', '日期', '交易日期', '购买日期', '消费日期', '付款日期', '支付日期', '销售日期', '成交日期', '开票日期',
    '下单时间', '订单时间', '交易时间', '购买时间', '消费时间', '付款时间', '支付时间', '成交时间', '创建日期', '创建时间',
    '调查日期', '填写日期', '提交日期', '提交时间', '答卷时间',
    'order_date', 'InvoiceDate', 'date', 'purchase_date', 'transaction_date', 'sale_date', 'sales_date', 'txn_date',
    'order_time', 'order_datetime', 'purchase_time', 'transaction_time', 'datetime', 'created_at', 'created_date',
    'survey_date', 'response_date', 'submitted_at', 'timestamp', '反馈日期', '反馈时间', '投诉日期', '投诉时间', '受理日期', '受理时间',
    '登记日期', '登记时间', 'opened_at', 'open_date', 'reported_at', 'report_date', 'complaint_date', '=时间', '=time',
  ],
  amount: [
    '金额', '销售额', '订单金额', '实付金额', '消费金额', '支付金额', '付款金额', '实收金额', '成交金额', '交易金额', '销售金额',
    '总金额', '应付金额', '总价', '合计', '小计', '营业额', '=收入',
    'amount', 'sales', 'revenue', 'dollar_value', 'order_value', 'order_amount', 'sales_amount', 'total_amount', 'total_sales',
    'total_price', 'line_total', 'line_amount', 'subtotal', 'net_sales', 'paid_amount', 'payment_amount', 'spend',
    '=total', '=value',
  ],
  quantity: [
    '数量', '购买数量', '销售数量', '商品数量', '订购数量', '件数',
    'quantity', 'qty', 'number_of_cds', 'units', 'units_sold', 'quantity_ordered', 'item_count', 'pieces', 'cds', '=number',
  ],
  unitPrice: ['单价', '商品单价', '销售单价', '成交单价', '价格', '售价', 'unit_price', 'UnitPrice', 'item_price', 'sale_price', 'price'],
  returnFlag: [
    '退货', '退货标记', '退货标志', '是否退货', '退款', '是否退款', '退单',
    'is_return', 'return', 'return_flag', 'returned', 'is_returned', 'refund', 'is_refund', 'refunded',
  ],
  name: ['姓名', '客户姓名', '客户名称', '会员姓名', '用户姓名', '用户名', '联系人', '名字', 'name', 'customer_name', 'full_name', 'client_name'],
  gender: ['性别', 'gender', 'sex'],
  birthday: ['出生日期', '生日', '出生年月', '出生年月日', 'birthday', 'birth_date', 'date_of_birth', 'dob', 'birth_day'],
  age: ['年龄', '岁数', 'age'],
  city: ['城市', '所在城市', '=市', 'city', 'town'],
  province: ['省份', '所在省份', '=省', '省市', 'province', '=state', '=地区', '=region'],
  channel: [
    '渠道', '获客渠道', '来源', '来源渠道', '客户来源', '注册渠道', '渠道来源',
    'channel', 'source', 'acquisition_channel', 'acquisition_source', 'utm_source', 'referral_source', 'sales_channel',
  ],
  acquisitionCost: [
    '获客成本', '获取成本', '拉新成本', 'acquisition_cost', 'cac', 'customer_acquisition_cost', 'cost_of_acquisition',
    '=成本', '=cost',
  ],
  signupDate: [
    '注册日期', '注册时间', '开户日期', '开户时间', '入会日期', '开卡日期', '加入日期', '创建日期', '创建时间',
    'signup_date', 'sign_up_date', 'register_date', 'registration_date', 'created_at', 'created_date', 'join_date',
    'joined_at', 'member_since', 'open_date',
  ],
  nps: ['NPS', '推荐意愿', '推荐得分', '推荐值', '推荐指数', '推荐可能性', '净推荐值', 'nps_score', 'likelihood_to_recommend', 'recommend_score', 'recommend'],
  referredBy: [
    '推荐人', '推荐人编号', '推荐人ID', '推荐人客户编号', '推荐会员', '推荐会员编号', '介绍人', '介绍人编号', '邀请人', '邀请人编号',
    'referred_by', 'referrer', 'referrer_id', 'referred_by_id', 'referring_customer', 'invited_by', 'inviter_id',
  ],
  consent: [
    '同意营销', '营销同意', '营销授权', '是否同意营销', '是否接受营销', '接受营销', '营销许可', '同意接收营销', '同意推送', '营销订阅',
    '=同意', '=授权',
    'marketing_consent', 'consent', 'opt_in', 'marketing_opt_in', 'email_opt_in', 'sms_opt_in', 'accepts_marketing',
    'gdpr_consent', 'consent_marketing', 'subscribed', 'newsletter', 'optin',
  ],
  consentDate: [
    '同意营销日期', '同意营销时间', '营销同意日期', '营销同意时间', '营销授权日期', '营销授权时间', '授权日期', '授权时间', '同意日期', '同意时间',
    'consent_date', 'consent_at', 'consented_at', 'consent_time', 'marketing_consent_date', 'opt_in_date', 'opt_in_at',
    'opted_in_at', 'email_opt_in_date', 'accepts_marketing_updated_at',
  ],
  interactionType: [
    '类型', '反馈类型', '工单类型', '互动类型', '记录类型', '服务类型', 'interaction_type', 'feedback_type', 'ticket_type', 'case_type',
    '=type', '=kind',
  ],
  serviceChannel: [
    '服务渠道', '反馈渠道', '受理渠道', '联系渠道', '投诉渠道', '渠道', 'service_channel', 'contact_channel', 'support_channel', 'channel',
    'via', 'medium',
  ],
  topic: [
    '主题', '问题类型', '问题分类', '投诉类型', '投诉主题', '投诉分类', '反馈主题', '分类', '话题', 'topic', 'subject', 'issue', 'category',
    'reason', 'complaint_type', 'issue_type',
  ],
  severity: ['严重程度', '严重性', '严重等级', '紧急程度', '优先级', '等级', 'severity', 'priority', 'urgency', '=level'],
  status: ['状态', '处理状态', '工单状态', '解决状态', '是否解决', '是否处理', 'status', 'ticket_status', 'resolution_status', 'is_resolved', 'resolved'],
  resolvedDate: [
    '解决日期', '解决时间', '处理完成日期', '处理完成时间', '完成日期', '完成时间', '关闭日期', '关闭时间', '结案日期', '结案时间',
    'resolved_date', 'resolved_at', 'resolution_date', 'closed_at', 'closed_date', 'close_date', 'date_resolved', 'date_closed',
  ],
  text: [
    '内容', '反馈内容', '投诉内容', '问题描述', '描述', '详情', '详细内容', '客户原话', '留言', '备注', 'text', 'description', 'comment',
    'comments', 'message', 'content', 'details', 'feedback', 'verbatim', 'note', 'notes',
  ],
  interactionId: [
    '工单号', '工单编号', '投诉编号', '投诉单号', '反馈编号', '服务单号', '记录编号', 'ticket_id', 'ticket_no', 'ticket_number', 'ticket',
    'case_id', 'case_no', 'complaint_id', 'interaction_id', 'feedback_id',
  ],
  item: ['题项', '题号', '题目编号', '题目', '条目', '项目编号', 'item', 'item_no', 'item_number', 'question', 'question_no', 'statement'],
  dimension: ['维度', '服务质量维度', 'dimension', 'servqual_dimension'],
  expectation: ['期望', '期望值', '期望得分', '期望分', '期望评分', 'expectation', 'expected', 'expectation_score', '=e'],
  perception: ['感知', '感知值', '感知得分', '感知分', '感知评分', '实际感受', 'perception', 'perceived', 'perception_score', '=p'],
  tangibles: ['有形性', '有形', 'tangibles', 'tangible'],
  reliability: ['可靠性', '可靠', 'reliability'],
  responsiveness: ['响应性', '响应速度', 'responsiveness'],
  assurance: ['保证性', '保证', 'assurance'],
  empathy: ['同理心', '移情性', '关怀性', 'empathy'],
  csat: ['满意度', '满意度评分', '满意程度', '总体满意度', 'CSAT', 'csat_score', 'satisfaction', 'satisfaction_score', 'customer_satisfaction', '=评分', '=rating'],
};

/** Headers that mean "the id" without saying whose: the customer id of a customer list, a last resort elsewhere. */
const BARE_IDS = new Set(['id', '编号']);

const TOKEN = /\p{Script=Han}|(?:(?!\p{Script=Han})[\p{L}\p{N}\p{M}])+/gu;
const BRACKETED = /[([{<【《「『][^)\]}>】》」』]*[)\]}>】》」』]/g;

/** A header as comparable text: its tokens joined, with the positions where a name may start or end. */
interface HeaderKey {
  key: string;
  /** bounds[i] is true where a token starts or ends at position i (every Chinese character is a token). */
  bounds: boolean[];
}

function keyOf(text: string, dropBracketed: boolean): HeaderKey {
  let s = text.replace(/\uFEFF/g, '').normalize('NFKC');
  if (dropBracketed) s = s.replace(BRACKETED, ' ');
  // Split camelCase before lower-casing: 'InvoiceNo' → 'Invoice No', 'CDNumber' → 'CD Number'.
  s = s.replace(/(\p{Ll}|\d)(\p{Lu})/gu, '$1 $2').replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2').toLowerCase();
  const tokens = s.match(TOKEN) ?? [];
  const key = tokens.join('');
  const bounds = new Array<boolean>(key.length + 1).fill(false);
  let at = 0;
  for (const t of tokens) {
    bounds[at] = true;
    at += t.length;
    bounds[at] = true;
  }
  return { key, bounds };
}

/**
 * A header reduced for comparison: BOM stripped, full-width folded to half-width (NFKC), lower
 * case, and spaces, underscores, hyphens, dots, brackets and other punctuation removed.
 * @param text the header as written in the file
 * @example
 * normaliseHeader(' Customer-ID ') === normaliseHeader('customer_id'); // both 'customerid'
 */
export function normaliseHeader(text: string): string {
  return keyOf(text, false).key;
}

interface Synonym {
  field: string;
  key: string;
  rank: number;
  exactOnly: boolean;
}

const SYNONYMS: Synonym[] = Object.entries(HEADER_SYNONYMS).flatMap(([field, names]) =>
  names.map((name, rank) => ({
    field,
    key: normaliseHeader(name.replace(/^=/, '')),
    rank,
    exactOnly: name.startsWith('='),
  })),
);

/** Fields known under an exact (normalised) header name. */
const EXACT = new Map<string, Synonym[]>();
for (const s of SYNONYMS) {
  const list = EXACT.get(s.key) ?? [];
  list.push(s);
  EXACT.set(s.key, list);
}

/** Where `needle` occurs in `h` starting and ending on token bounds; the last such end, or -1. */
function lastBoundedEnd(h: HeaderKey, needle: string): number {
  let best = -1;
  for (let at = h.key.indexOf(needle); at >= 0; at = h.key.indexOf(needle, at + 1)) {
    const end = at + needle.length;
    if (h.bounds[at] && h.bounds[end]) best = end;
  }
  return best;
}

interface Candidate {
  field: string;
  column: number;
  score: number;
}

/**
 * The field a header names only in part ('Order Date Time' → date, '订单实付金额' → amount): the
 * known name that ends latest in it (in both languages the head noun comes last), then the longest.
 * Names of one character ('省', '市') never match in part.
 * Looks across all kinds, so 'customer_birth_date' is a birthday and never an order date.
 */
function partialMatch(h: HeaderKey, inKind: Set<string>): { field: string; quality: number } | null {
  let best: { field: string; end: number; length: number; inKind: boolean } | null = null;
  for (const s of SYNONYMS) {
    if (s.exactOnly || s.key.length >= h.key.length || s.key.length < 2) continue;
    const end = lastBoundedEnd(h, s.key);
    if (end < 0) continue;
    const c = { field: s.field, end, length: s.key.length, inKind: inKind.has(s.field) };
    if (!best || c.end > best.end || (c.end === best.end && (c.length > best.length || (c.length === best.length && c.inKind && !best.inKind)))) {
      best = c;
    }
  }
  if (!best || !best.inKind) return null;
  return { field: best.field, quality: (best.end + best.length) / (2 * h.key.length) };
}

/** Score of every (field, column) pair worth considering; exact names score above 1000, partial ones below. */
function candidates(headers: string[], kind: ImportKind): Candidate[] {
  const inKind = new Set(FIELDS[kind].map((f) => f.field));
  const out: Candidate[] = [];
  headers.forEach((header, column) => {
    const full = keyOf(String(header ?? ''), false);
    const core = keyOf(String(header ?? ''), true);
    if (full.key === '') return;
    if (kind === 'customers' && (BARE_IDS.has(full.key) || BARE_IDS.has(core.key))) {
      out.push({ field: 'customerId', column, score: 1001 });
      return;
    }
    // The whole header first, then without its bracketed part ('金额（元）' → 金额) at a slight discount.
    const exact = [
      ...(EXACT.get(full.key) ?? []).map((s) => ({ s, score: 2000 - s.rank })),
      ...(core.key && core.key !== full.key ? (EXACT.get(core.key) ?? []) : []).map((s) => ({ s, score: 1999.5 - s.rank })),
    ];
    if (exact.length > 0) {
      // A header that exactly names a field of another kind ('birth_date' in an order file) is left alone.
      for (const { s, score } of exact) if (inKind.has(s.field)) out.push({ field: s.field, column, score });
      return;
    }
    const partial = partialMatch(core.key ? core : full, inKind);
    if (partial) out.push({ field: partial.field, column, score: 999 * partial.quality });
  });
  return out;
}

/**
 * Proposes which column fills which field. Each column fills at most one field and each field
 * takes at most one column; whole-name matches beat partial ones, better-ranked names beat
 * others, and earlier columns win ties. In order and survey files a bare 'id' column becomes the
 * customer id only when no other column does. Empty headers are ignored.
 * @param headers the header row as read from the file
 * @param kind what the file holds
 * @returns every field of the kind → column index, or null when no column fits
 * @example
 * mapHeaders(['客户编号', '下单日期', '实付金额'], 'orders');
 * // { customerId: 0, orderId: null, date: 1, amount: 2, quantity: null, unitPrice: null, returnFlag: null }
 */
export function mapHeaders(headers: string[], kind: ImportKind): Record<string, number | null> {
  const mapping: Record<string, number | null> = Object.fromEntries(FIELDS[kind].map((f) => [f.field, null]));
  const used = new Set<number>();
  const list = candidates(headers, kind).sort((a, b) => b.score - a.score || a.column - b.column);
  for (const c of list) {
    if (mapping[c.field] !== null || used.has(c.column)) continue;
    mapping[c.field] = c.column;
    used.add(c.column);
  }
  if (mapping.customerId === null) {
    const bare = headers.findIndex((h, i) => !used.has(i) && BARE_IDS.has(normaliseHeader(String(h ?? ''))));
    if (bare >= 0) mapping.customerId = bare;
  }
  return mapping;
}

const CUSTOMER_ATTRIBUTES = [
  'name', 'gender', 'birthday', 'age', 'city', 'province', 'channel', 'acquisitionCost', 'signupDate', 'referredBy', 'consent', 'consentDate',
];
/** Fields only a feedback and complaints file has (its channel, topic and text could be another file's). */
const INTERACTION_MARKS = ['interactionType', 'severity', 'status', 'resolvedDate', 'interactionId'];
const SERVQUAL_DIMENSION_FIELDS = ['tangibles', 'reliability', 'responsiveness', 'assurance', 'empathy'];

/**
 * Guesses what a file holds from its headers: orders when a date and an amount (or quantity and
 * unit price) are named; otherwise surveys when NPS or CSAT is; SERVQUAL answers when an
 * expectation and a perception are; importance points when three of the five dimensions are;
 * feedback and complaints when a date and a type, severity, status, resolved date or ticket number
 * are; otherwise customers when a customer id and at least one attribute are, and no date other
 * than a signup or birth date.
 * @param headers the header row
 * @returns the kind, or null when the headers say too little
 * @example
 * guessKind(['会员编号', '性别', '城市']); // 'customers'
 */
export function guessKind(headers: string[]): ImportKind | null {
  const orders = mapHeaders(headers, 'orders');
  const priced = orders.amount !== null || (orders.quantity !== null && orders.unitPrice !== null);
  if (orders.date !== null && priced) return 'orders';
  const surveys = mapHeaders(headers, 'surveys');
  if (surveys.nps !== null || surveys.csat !== null) return 'surveys';
  const servqual = mapHeaders(headers, 'servqual');
  if (servqual.expectation !== null && servqual.perception !== null) return 'servqual';
  const importance = mapHeaders(headers, 'importance');
  if (SERVQUAL_DIMENSION_FIELDS.filter((f) => importance[f] !== null).length >= 3) return 'importance';
  const interactions = mapHeaders(headers, 'interactions');
  if (interactions.date !== null && INTERACTION_MARKS.some((f) => interactions[f] !== null)) return 'interactions';
  const customers = mapHeaders(headers, 'customers');
  // 'created_at' / '创建时间' can be an order date or a signup date: in a customer list it is the latter.
  const orderDate = orders.date !== null && orders.date !== customers.signupDate && orders.date !== customers.birthday && orders.date !== customers.consentDate;
  if (customers.customerId !== null && !orderDate && CUSTOMER_ATTRIBUTES.some((f) => customers[f] !== null)) return 'customers';
  return null;
}

/**
 * A stable key for a header row, to remember the mapping a user confirmed for files of the same
 * layout. Insensitive to case, spacing, punctuation and full-width forms; sensitive to column
 * order and count (the mapping is by column position).
 * @param headers the header row
 * @example
 * headerSignature(['Customer ID', 'Date']) === headerSignature(['customer_id', 'DATE']); // true
 */
export function headerSignature(headers: string[]): string {
  return `h1:${headers.length}:${headers.map((h) => normaliseHeader(String(h ?? ''))).join('|')}`;
}
