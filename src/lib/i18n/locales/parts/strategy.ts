/**
 * Words of the Strategy page's frame (title, sections, grouping), in both languages (spread into
 * locales/en.ts and zh.ts). Each panel's words are in its own part (strategy-*.ts).
 */
export const strategyEn = {
  'nav.strategy': 'Strategy',
  'strategy.title': 'Customer strategy',
  'strategy.intro': 'Decide what to do about each group of customers: where they stand by value and potential, where the marketing budget returns most, how each group is served, and what a membership programme would cost.',
  'strategy.loading': 'Working out the figures of each group…',
  'strategy.section.portfolio': '客户组合 Portfolio',
  'strategy.section.budget': '预算分配 Budget allocation',
  'strategy.section.playbook': '差异化服务手册 Service playbook',
  'strategy.section.loyalty': '会员等级 Loyalty tiers',
  'strategy.groupingHint': 'The portfolio, the budget and the playbook are by this grouping, as of {date}.',
  'strategy.valueFit': 'Future value: mean CLV of the {model} fit ({months} months).',
  'strategy.noValueFit': 'No value model fitted in this session: future value is estimated from activity. Fit one on the Value page for CLV.',
  'strategy.empty': 'No customers with purchases yet',
  'strategy.emptyHelp': 'The Strategy page works from customers and their orders. Import an orders file (customer id, date, amount) or open the demo company.',
  'strategy.emptyAction': 'Import orders',
};

export const strategyZh: Record<keyof typeof strategyEn, string> = {
  'nav.strategy': '客户战略',
  'strategy.title': '客户战略',
  'strategy.intro': '决定如何对待每一类客户：按价值与潜力看他们处在哪里，营销预算投向哪里回报最高，各类客户如何服务，以及会员计划要花多少钱。',
  'strategy.loading': '正在计算各分群的数据…',
  'strategy.section.portfolio': '客户组合 Portfolio',
  'strategy.section.budget': '预算分配 Budget allocation',
  'strategy.section.playbook': '差异化服务手册 Service playbook',
  'strategy.section.loyalty': '会员等级 Loyalty tiers',
  'strategy.groupingHint': '客户组合、预算分配与服务手册均按此分群，截至 {date}。',
  'strategy.valueFit': '未来价值：{model} 模型拟合的平均 CLV（{months} 个月）。',
  'strategy.noValueFit': '本次会话尚未拟合价值模型：未来价值按客户活跃度估计。到“客户价值”页拟合模型即可使用 CLV。',
  'strategy.empty': '还没有有购买记录的客户',
  'strategy.emptyHelp': '客户战略页基于客户及其订单。请导入订单文件（客户编号、日期、金额），或打开演示公司。',
  'strategy.emptyAction': '导入订单',
};
