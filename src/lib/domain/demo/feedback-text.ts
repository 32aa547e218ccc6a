/**
 * What the demo company's customers wrote: a few short texts per interaction kind and topic, per
 * locale. Tables are parallel (same kinds, topics and number of variants in every locale), so the
 * generator draws the same variant index whatever the language. The complaint texts of delivery,
 * quality, price and after-sales carry the words a keyword rule would look for (快递/物流/配送,
 * 质量/破损/瑕疵, 价格/优惠, 退货/退款/换货 or 客服/态度; parcel/delivery/courier, quality/damaged,
 * price/discount, return/refund/exchange or agent/service), so complaints filed without a topic
 * can still be classified by rules.
 */

import type { DemoLocale } from './text';

/** Texts by kind, then topic (delivery, quality, price, after-sales, membership), then variant. */
export interface FeedbackText {
  complaint: readonly (readonly string[])[];
  inquiry: readonly (readonly string[])[];
  praise: readonly (readonly string[])[];
  suggestion: readonly (readonly string[])[];
}

const ZH: FeedbackText = {
  complaint: [
    [
      '快递三天了还没到，物流信息一直没更新。',
      '说好次日达，结果快递等了一周才送到。',
      '快递员没打电话就把包裹放在驿站，找了半天。',
      '包裹送到时外箱都压坏了，物流太粗暴。',
      '物流显示已签收，可我根本没收到货。',
      '配送一再延误，客服只会让我再等等。',
    ],
    [
      '收到的杯子有裂痕，质量太差了。',
      '衣服洗了一次就起球掉色，质量不行。',
      '用了不到一个月就坏了，质量堪忧。',
      '实物和图片差别很大，做工粗糙有瑕疵。',
      '拆开发现少了配件，外壳还有破损。',
      '鞋子才穿两周就开胶了，这质量说不过去。',
    ],
    [
      '刚买完价格就降了，差价也不给退。',
      '结算时的价格和页面显示的不一样。',
      '优惠券用不了，客服也说不清原因。',
      '同款比别家贵了不少，这价格感觉被坑了。',
      '说好的满减优惠结账时没有生效。',
      '运费比商品价格还贵，太不合理了。',
    ],
    [
      '申请退货一周了还没人处理。',
      '退款迟迟不到账，问了几次都说在处理。',
      '换货寄回去半个月了，售后一点消息都没有。',
      '售后电话一直打不通，在线客服也不回复。',
      '维修后还是老问题，售后态度很敷衍。',
      '退货还要我自己出运费，明明不是我的问题。',
    ],
    [
      '会员积分莫名其妙被清零了。',
      '开了会员，说好的会员折扣结账时没有。',
      '会员生日礼券一直没发到我的账户。',
      '会员等级降了，也没有任何通知。',
      '积分兑换的商品一直显示缺货。',
      '会员自动续费没有提前提醒就扣款了。',
    ],
  ],
  inquiry: [
    ['请问我的订单什么时候发货？', '还没发货，可以改一下收货地址吗？', '物流单号查不到信息，麻烦帮忙看看。', '能不能指定周末送货？'],
    ['这款面料是纯棉的吗？', '请问这个保质期到什么时候？', '这款锅能用电磁炉吗？', '质量问题的话保修多久？'],
    ['双十一还会有更大的优惠吗？', '买多件有没有折扣？', '可以开增值税专用发票吗？', '降价了能申请价格保护吗？'],
    ['退货流程怎么走？', '退款一般几天能到账？', '换货需要保留原包装吗？', '保修卡丢了还能保修吗？'],
    ['积分什么时候过期？', '怎样才能升级到金卡会员？', '会员折扣可以和优惠券叠加吗？', '积分可以抵现金吗？'],
  ],
  praise: [
    ['快递超快，下单第二天就到了。', '配送小哥很负责，还帮忙搬上楼。', '包装很仔细，物流也快，点赞。'],
    ['质量很好，比想象中还要厚实。', '做工精细，用了半年依然像新的。', '面料舒服，已经回购第三次了。'],
    ['价格实惠，性价比很高。', '活动力度很大，买得很划算。', '价格公道，品质也对得起这个价。'],
    ['售后处理很快，当天就退款了。', '客服耐心帮我换货，体验很好。', '售后很专业，问题一次就解决了。'],
    ['会员福利很实在，积分抵了不少钱。', '生日收到了会员礼包，很惊喜。', '会员专属客服响应很快，赞一个。'],
  ],
  suggestion: [
    ['希望能增加顺丰配送的选项。', '建议发货后短信告知预计送达时间。', '能否支持送到快递柜？白天家里没人。'],
    ['建议详情页写清楚材质和尺寸。', '希望多出几个颜色，质量是没得说。', '建议附上更详细的使用和保养说明。'],
    ['建议增加价格保护服务。', '希望老客户能有专属折扣。', '建议把优惠规则写得简单明了一些。'],
    ['建议退货提供上门取件。', '希望能在App里实时查看售后进度。', '建议把退换货期限延长到30天。'],
    ['建议积分可以兑换更多实用的商品。', '希望会员日活动能更频繁一些。', '建议积分到期前提醒一下。'],
  ],
};

const EN: FeedbackText = {
  complaint: [
    [
      "Parcel still not here after three days, and the tracking hasn't updated.",
      'Next-day delivery was promised, but it took a whole week to arrive.',
      'The courier left my parcel at a pickup point without calling me.',
      'The box arrived crushed; the delivery company clearly threw it around.',
      'Tracking says delivered, but I never received the parcel.',
      'Delivery keeps getting delayed and support just tells me to wait.',
    ],
    [
      'The mug arrived cracked. Really poor quality.',
      'The shirt pilled and faded after one wash. Poor quality.',
      'It broke after less than a month. The quality is worrying.',
      'Looks nothing like the photos, and the quality of the finish is rough.',
      'A part was missing and the casing was damaged.',
      "The sole came unglued after two weeks. That's not acceptable quality.",
    ],
    [
      "The price dropped right after I bought it and you won't refund the difference.",
      'The price at checkout was different from the one on the page.',
      "My discount coupon didn't work and support couldn't explain why.",
      'The same item is much cheaper elsewhere. I feel ripped off on price.',
      "The spend-and-save discount wasn't applied at checkout.",
      "You charge more for postage than the item's price. Ridiculous.",
    ],
    [
      'I requested a return a week ago and nobody has handled it.',
      "My refund still hasn't arrived; every time I ask, they say it's being processed.",
      'I sent the item back for an exchange two weeks ago and after-sales has said nothing.',
      "Nobody answers the after-sales hotline and the live chat agent doesn't reply either.",
      'Same fault after the repair, and the after-sales service just brushed me off.',
      "I have to pay to return it even though it's not my fault.",
    ],
    [
      'My membership points were wiped out for no reason.',
      "I paid for membership, but the member discount didn't apply at checkout.",
      'My member birthday voucher never showed up in my account.',
      'My membership tier was downgraded without any notice.',
      'The rewards I want to redeem with points are always out of stock.',
      'My membership auto-renewed and charged me without a reminder.',
    ],
  ],
  inquiry: [
    ['When will my order be shipped?', "It hasn't shipped yet. Can I change the delivery address?", 'The tracking number shows nothing. Could you check?', 'Can I choose a weekend delivery slot?'],
    ['Is this fabric 100% cotton?', 'What is the shelf life of this product?', 'Does this pan work on an induction hob?', 'How long is the warranty for quality defects?'],
    ["Will there be bigger discounts for Singles' Day?", 'Is there a discount if I buy several?', 'Can you issue a VAT invoice?', 'The price has dropped. Can I claim price protection?'],
    ['How do I return an item?', 'How long does a refund usually take?', 'Do I need the original packaging for an exchange?', 'I lost the warranty card. Is the repair still covered?'],
    ['When do my points expire?', 'How do I upgrade to Gold membership?', 'Can I combine the member discount with a coupon?', 'Can points be used as cash?'],
  ],
  praise: [
    ['Super-fast delivery: it arrived the day after I ordered.', 'The courier was really helpful and carried it upstairs.', 'Carefully packed and quickly delivered. Great job.'],
    ['Great quality, even sturdier than I expected.', 'Well made; still like new after six months.', 'Lovely, comfortable fabric. This is my third time buying it.'],
    ['Good price, great value for money.', 'Generous promotion, a real bargain.', 'A fair price, and the quality lives up to it.'],
    ['After-sales was quick: refunded the same day.', 'The agent patiently sorted out my exchange. Great experience.', 'Very professional after-sales; fixed on the first try.'],
    ['Real member benefits: my points saved me quite a bit.', 'Got a member birthday gift. Lovely surprise.', 'The members’ service line answers really fast.'],
  ],
  suggestion: [
    ['Please add an express courier option.', 'A text with the expected delivery time after dispatch would help.', "Could you deliver to parcel lockers? Nobody's home during the day."],
    ['Please list materials and dimensions clearly on the product page.', 'I’d love more colours; the quality is excellent.', 'Please include more detailed care instructions.'],
    ['Please offer price protection.', 'Loyal customers deserve an exclusive discount.', 'Please make the discount rules simpler and clearer.'],
    ['Please offer home pickup for returns.', 'It would be great to track a return’s progress in the app.', 'Please extend the return window to 30 days.'],
    ['Please let us redeem points for more useful items.', 'I’d love member days more often.', 'Please remind us before points expire.'],
  ],
};

/** The feedback texts of a locale. */
export function feedbackText(locale: DemoLocale): FeedbackText {
  return locale === 'en' ? EN : ZH;
}
