/**
 * Display strings of the demo company, per locale. The generator draws indices into these
 * tables; a locale only chooses which words an index shows, never which index is drawn.
 * Parallel tables (cities, provinces, channels, topics) have the same length in every locale.
 */

/** Locales the demo company can be worded in. */
export type DemoLocale = 'zh' | 'en';

/** All display strings of one locale. */
export interface DemoText {
  datasetName: string;
  surnames: readonly string[];
  femaleNames: readonly string[];
  maleNames: readonly string[];
  /** Full name from a surname and a given name. */
  joinName(surname: string, given: string): string;
  cities: readonly string[];
  provinces: readonly string[];
  /** Acquisition channels: organic search, paid ads, social media, store, referral, live commerce. */
  channels: readonly string[];
  /** Service channels: phone, live chat, email, store. */
  serviceChannels: readonly string[];
  /** Interaction topics: delivery, quality, price, after-sales, membership. */
  topics: readonly string[];
}

const ZH: DemoText = {
  datasetName: '演示公司 · 鲸选零售',
  surnames: [
    '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭',
    '何', '林', '罗', '高', '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾',
  ],
  femaleNames: [
    '静', '丽', '敏', '婷', '雪', '芳', '娜', '颖', '欣怡', '梓涵', '诗涵', '雨桐', '佳怡', '晓燕',
    '丹', '倩', '玉兰', '慧', '琳', '思琪', '嘉欣', '美玲', '秀英', '子萱',
  ],
  maleNames: [
    '伟', '强', '磊', '洋', '勇', '军', '杰', '涛', '超', '明', '浩然', '子轩', '宇航', '俊杰',
    '志强', '建华', '文博', '家豪', '晨', '鹏', '昊天', '国栋', '海峰', '一鸣',
  ],
  joinName: (surname, given) => surname + given,
  cities: [
    '上海', '北京', '广州', '深圳', '杭州', '成都', '南京', '武汉', '西安', '重庆', '苏州', '天津',
    '长沙', '郑州', '青岛',
  ],
  provinces: [
    '上海', '北京', '广东', '广东', '浙江', '四川', '江苏', '湖北', '陕西', '重庆', '江苏', '天津',
    '湖南', '河南', '山东',
  ],
  channels: ['自然搜索', '付费广告', '社交媒体', '门店', '老客推荐', '直播电商'],
  serviceChannels: ['电话', '在线客服', '邮件', '门店'],
  topics: ['物流', '质量', '价格', '售后', '会员'],
};

const EN: DemoText = {
  datasetName: 'Demo company · Harbor Retail',
  surnames: [
    'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Wilson', 'Taylor',
    'Clark', 'Lewis', 'Walker', 'Hall', 'Young', 'King', 'Wright', 'Green', 'Baker', 'Adams',
    'Nelson', 'Carter', 'Mitchell', 'Turner', 'Parker', 'Evans', 'Collins', 'Stewart', 'Morris',
    'Reed', 'Cook', 'Bell', 'Murphy',
  ],
  femaleNames: [
    'Emma', 'Olivia', 'Sophia', 'Mia', 'Grace', 'Chloe', 'Lily', 'Hannah', 'Emily', 'Zoe', 'Anna',
    'Lucy', 'Ella', 'Amelia', 'Sarah', 'Laura', 'Julia', 'Alice', 'Ruby', 'Clara', 'Nora', 'Maya',
    'Ivy', 'Eva',
  ],
  maleNames: [
    'James', 'Liam', 'Noah', 'Oliver', 'Ethan', 'Lucas', 'Henry', 'Jack', 'Leo', 'Daniel',
    'Samuel', 'David', 'Thomas', 'Adam', 'Ryan', 'Owen', 'Max', 'Oscar', 'Felix', 'Hugo', 'Isaac',
    'Peter', 'Mark', 'Paul',
  ],
  joinName: (surname, given) => `${given} ${surname}`,
  cities: [
    'Shanghai', 'Beijing', 'Guangzhou', 'Shenzhen', 'Hangzhou', 'Chengdu', 'Nanjing', 'Wuhan',
    "Xi'an", 'Chongqing', 'Suzhou', 'Tianjin', 'Changsha', 'Zhengzhou', 'Qingdao',
  ],
  provinces: [
    'Shanghai', 'Beijing', 'Guangdong', 'Guangdong', 'Zhejiang', 'Sichuan', 'Jiangsu', 'Hubei',
    'Shaanxi', 'Chongqing', 'Jiangsu', 'Tianjin', 'Hunan', 'Henan', 'Shandong',
  ],
  channels: ['Organic search', 'Paid ads', 'Social media', 'Store', 'Referral', 'Live commerce'],
  serviceChannels: ['Phone', 'Live chat', 'Email', 'Store'],
  topics: ['Delivery', 'Quality', 'Price', 'After-sales', 'Membership'],
};

/** The display strings of a locale. */
export function demoText(locale: DemoLocale): DemoText {
  return locale === 'en' ? EN : ZH;
}

const PARALLEL = ['cities', 'provinces', 'channels', 'serviceChannels', 'topics'] as const;

/** Each demo word of either locale → its position's word in every locale. */
const TERMS: Map<string, Record<DemoLocale, string>> = (() => {
  const out = new Map<string, Record<DemoLocale, string>>();
  for (const table of PARALLEL) {
    ZH[table].forEach((zh, i) => {
      const both = { zh, en: EN[table][i] };
      out.set(zh, both);
      out.set(EN[table][i], both);
    });
  }
  return out;
})();

/**
 * A demo company's word (city, province, acquisition or service channel, interaction topic) in the
 * given locale, whichever locale the demo was generated in; any other text is returned as it is.
 * @example demoTerm('上海', 'en') // 'Shanghai'
 * @example demoTerm('Referral', 'zh') // '老客推荐'
 */
export function demoTerm(value: string, locale: DemoLocale): string {
  return TERMS.get(value)?.[locale] ?? value;
}

/** Index into a table from a uniform draw in [0, 1): same draw, same position, any table length. */
export function indexOfUniform(u: number, length: number): number {
  const i = Math.floor(u * length);
  return i < length ? i : length - 1;
}
