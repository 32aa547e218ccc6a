/**
 * Words of the Actions page's frame (title, sections), in both languages (spread into
 * locales/en.ts and zh.ts). Each section's words are in its own part (act-*.ts).
 */
export const actPageEn = {
  'nav.actions': 'Actions',
  'page.sections': 'On this page',
  'actions.title': 'Act and measure',
  'actions.intro': 'Turn the strategy into contacts and find out what they changed: who to care for this week, which lists to hand to your e-mail or SMS tool, actions kept honest by a random control group, tests run elsewhere, and the KPI targets the dashboard checks. Everything is measured here, on this device, from the orders you import later.',
  'actions.section.care': '关怀日历 Care calendar and lists',
  'actions.section.ladder': '复购阶梯 Purchase ladder',
  'actions.section.actions': '行动与对照组 Actions and control groups',
  'actions.section.experiments': '实验与样本量计算 Experiments and sample size',
  'actions.section.targets': 'KPI 目标 Targets',
};

export const actPageZh: Record<keyof typeof actPageEn, string> = {
  'nav.actions': '执行与监控',
  'page.sections': '本页内容',
  'actions.title': '执行与监控',
  'actions.intro': '把战略变成行动，并看清行动带来的变化：本周该关怀谁，哪些名单交给你的邮件或短信工具，用随机对照组检验行动效果，评估在别处做的实验，以及仪表盘要核对的 KPI 目标。一切都在本设备上、根据你之后导入的订单来衡量。',
  'actions.section.care': '关怀日历 Care calendar and lists',
  'actions.section.ladder': '复购阶梯 Purchase ladder',
  'actions.section.actions': '行动与对照组 Actions and control groups',
  'actions.section.experiments': '实验与样本量计算 Experiments and sample size',
  'actions.section.targets': 'KPI 目标 Targets',
};
